package io.stockflow.forecasting.model.arima;

import io.stockflow.forecasting.model.DemandHistory;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.util.Pair;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CSS errors of one order on one history as a least-squares model: R's ARIMA_CSS recursion
 * {@code e_t = φ(B)Φ(B^m)(w_t − c) − Σ θ*j·e(t−j)} from the conditioning observations on, earlier errors zero,
 * w the differenced history and c the mean or differenced drift. The expanded polynomials are sparse —
 * (p+1)(P+1) and (q+1)(Q+1) terms — so only those terms are visited. The Jacobian is by forward differences.
 * {@link #estimate} fits an order by minimising it.
 */
final class CssProblem implements MultivariateJacobianFunction {

    /** Fits with an AR or MA root within this modulus are rejected, as auto.arima rejects them. */
    private static final double MIN_ROOT_MODULUS = 1.01;

    /** The history differenced in place, as R does: the first d + Dm values are never read. */
    private final double[] differenced;
    private final ArimaOrder order;
    private final boolean hasConstant;
    private final int conditioning;
    private final int[] arLags;
    private final int[] maLags;
    private final double[] arTerms;
    private final double[] maTerms;

    CssProblem(double[] history, ArimaOrder order, boolean hasConstant) {
        this.differenced = Differencing.difference(history, order);
        this.order = order;
        this.hasConstant = hasConstant;
        this.conditioning = order.conditioning();
        this.arLags = productLags(order.p(), order.seasonalP(), order.period(), false);
        this.maLags = productLags(order.q(), order.seasonalQ(), order.period(), true);
        this.arTerms = new double[arLags.length];
        this.maTerms = new double[maLags.length];
    }

    /**
     * Minimises the conditional sum of squares; empty when the history leaves no more residuals than
     * parameters or the optimiser fails. Coefficients start at zero and the constant at its least-squares value
     * on the differenced series, as stats::arima starts them.
     */
    static Optional<ArimaFit> estimate(double[] history, ArimaOrder order, boolean hasConstant) {
        int n = history.length;
        CssProblem problem = new CssProblem(history, order, hasConstant);
        int parameters = problem.parameters();
        if (problem.residualCount() <= parameters || problem.residualCount() < 1) {
            return Optional.empty();
        }
        double[] start = new double[parameters];
        if (hasConstant) {
            start[parameters - 1] = StatUtils.mean(problem.differenced, order.differencingLoss(),
                    n - order.differencingLoss()) / problem.driftGain();
        }
        double[] point = start;
        if (parameters > 0) {
            try {
                Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                        .model(problem).target(new double[problem.residualCount()]).start(start)
                        .maxEvaluations(2_000).maxIterations(200).lazyEvaluation(false).build());
                point = optimum.getPoint().toArray();
            } catch (MathIllegalStateException | MathArithmeticException e) {
                return Optional.empty();
            }
        }
        double sumOfSquares = 0;
        for (double error : problem.errors(point)) {
            sumOfSquares += error * error;
        }
        if (!Double.isFinite(sumOfSquares)) {
            return Optional.empty();
        }
        ArimaFit unchecked = toFit(order, hasConstant, point, 0, 0);
        int effective = n - order.differencingLoss();
        int k = parameters + 1; // and σ²
        boolean admissible = LagPolynomials.allRootsOutside(unchecked.arPolynomial(), MIN_ROOT_MODULUS)
                && LagPolynomials.allRootsOutside(unchecked.maPolynomial(), MIN_ROOT_MODULUS);
        double meanSquare = sumOfSquares / problem.residualCount();
        double aicc = admissible ? DemandHistory.gaussianAicc(effective * meanSquare, effective, k)
                : Double.POSITIVE_INFINITY;
        double sigma2 = sumOfSquares / Math.max(1, effective - k + 1);
        return Optional.of(toFit(order, hasConstant, point, sigma2, aicc));
    }

    /** Parameter vector layout: φ, θ, Φ, Θ, then the constant. */
    private static ArimaFit toFit(ArimaOrder order, boolean hasConstant, double[] point, double sigma2,
                                  double aicc) {
        int from = 0;
        double[] ar = Arrays.copyOfRange(point, from, from += order.p());
        double[] ma = Arrays.copyOfRange(point, from, from += order.q());
        double[] seasonalAr = Arrays.copyOfRange(point, from, from += order.seasonalP());
        double[] seasonalMa = Arrays.copyOfRange(point, from, from += order.seasonalQ());
        return new ArimaFit(order, ar, ma, seasonalAr, seasonalMa, hasConstant, hasConstant ? point[from] : 0,
                sigma2, aicc);
    }

    /** Lags i + m·j of a product of two lag polynomials, ascending when the inner order is below m. */
    private static int[] productLags(int order, int seasonalOrder, int period, boolean skipLagZero) {
        int[] lags = new int[(order + 1) * (seasonalOrder + 1) - (skipLagZero ? 1 : 0)];
        int term = 0;
        for (int j = 0; j <= seasonalOrder; j++) {
            for (int i = 0; i <= order; i++) {
                if (i + j > 0 || !skipLagZero) {
                    lags[term++] = i + period * j;
                }
            }
        }
        return lags;
    }

    private int parameters() {
        return order.coefficients() + (hasConstant ? 1 : 0);
    }

    private int residualCount() {
        return differenced.length - conditioning;
    }

    /** What one unit of drift per day adds to the differenced series: 1 after (1 − B), m after (1 − B^m). */
    private int driftGain() {
        return order.d() == 0 && order.seasonalD() == 1 ? order.period() : 1;
    }

    /** The errors for every day, zero before the conditioning observations. */
    double[] errors(double[] point) {
        int p = order.p();
        int q = order.q();
        int seasonalP = order.seasonalP();
        int seasonalQ = order.seasonalQ();
        int term = 0;
        for (int j = 0; j <= seasonalP; j++) {
            double seasonal = j == 0 ? 1 : -point[p + q + j - 1];
            for (int i = 0; i <= p; i++) {
                arTerms[term++] = seasonal * (i == 0 ? 1 : -point[i - 1]);
            }
        }
        term = 0;
        for (int j = 0; j <= seasonalQ; j++) {
            double seasonal = j == 0 ? 1 : point[p + q + seasonalP + j - 1];
            for (int i = 0; i <= q; i++) {
                if (i + j > 0) {
                    maTerms[term++] = seasonal * (i == 0 ? 1 : point[p + i - 1]);
                }
            }
        }
        double shift = 0;
        if (hasConstant) {
            double level = point[point.length - 1] * driftGain();
            for (double arTerm : arTerms) {
                shift += arTerm * level;
            }
        }
        int n = differenced.length;
        double[] errors = new double[n];
        for (int t = conditioning; t < n; t++) {
            double error = -shift;
            for (int k = 0; k < arLags.length; k++) {
                error += arTerms[k] * differenced[t - arLags[k]];
            }
            for (int k = 0; k < maLags.length && maLags[k] <= t - conditioning; k++) {
                error -= maTerms[k] * errors[t - maLags[k]];
            }
            errors[t] = error;
        }
        return errors;
    }

    @Override
    public Pair<RealVector, RealMatrix> value(RealVector parameters) {
        double[] point = parameters.toArray();
        double[] base = errors(point);
        int count = residualCount();
        double[][] jacobian = new double[count][point.length];
        for (int j = 0; j < point.length; j++) {
            double original = point[j];
            double step = 1e-7 * Math.max(1, Math.abs(original));
            point[j] = original + step;
            double[] moved = errors(point);
            point[j] = original;
            for (int i = 0; i < count; i++) {
                jacobian[i][j] = (moved[conditioning + i] - base[conditioning + i]) / step;
            }
        }
        return new Pair<>(new ArrayRealVector(Arrays.copyOfRange(base, conditioning, base.length), false),
                new Array2DRowRealMatrix(jacobian, false));
    }
}

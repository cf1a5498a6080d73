package io.stockflow.forecasting.model.arima;

import java.util.Arrays;

/**
 * A fitted model, with coefficients in R's sign convention: {@code (1 − Σφi·B^i)(1 − ΣΦi·B^mi)} on the AR side,
 * {@code (1 + Σθi·B^i)(1 + ΣΘi·B^mi)} on the MA side.
 *
 * @param constant the mean when d + D = 0, the drift per day when d + D = 1; 0 without a constant
 * @param sigma2   CSS sum of squares over {@code n* − k + 1}, as forecast::Arima reports it
 * @param aicc     {@link Double#POSITIVE_INFINITY} when the fit is not stationary or not invertible
 */
public record ArimaFit(ArimaOrder order, double[] ar, double[] ma, double[] seasonalAr, double[] seasonalMa,
                       boolean hasConstant, double constant, double sigma2, double aicc) {

    public String label() {
        if (!hasConstant) {
            return order.toString();
        }
        return order + (order.differencingLoss() == 0 ? " with non-zero mean" : " with drift");
    }

    /** φ, θ, Φ, Θ and the constant in one vector, as they are estimated. */
    double[] parameters() {
        double[] parameters = new double[order.coefficients() + (hasConstant ? 1 : 0)];
        int from = 0;
        for (double[] part : new double[][]{ar, ma, seasonalAr, seasonalMa, hasConstant ? new double[]{constant}
                : new double[0]}) {
            System.arraycopy(part, 0, parameters, from, part.length);
            from += part.length;
        }
        return parameters;
    }

    double[] arPolynomial() {
        return LagPolynomials.multiply(LagPolynomials.lagPolynomial(ar, 1, -1),
                LagPolynomials.lagPolynomial(seasonalAr, order.period(), -1));
    }

    double[] maPolynomial() {
        return LagPolynomials.multiply(LagPolynomials.lagPolynomial(ma, 1, 1),
                LagPolynomials.lagPolynomial(seasonalMa, order.period(), 1));
    }

    /** The mean or drift term at day {@code t} (0-based), R's intercept or {@code drift = 1:n}. */
    double regression(int t) {
        if (!hasConstant) {
            return 0;
        }
        return order.differencingLoss() == 0 ? constant : constant * (t + 1);
    }

    /**
     * Point forecasts: the model's difference equation run forward from the history, future errors zero and
     * past errors the CSS residuals; demand cannot be negative, so they stop at zero.
     */
    double[] forecast(double[] history, int horizon) {
        int n = history.length;
        double[] deviations = new double[n + horizon];
        for (int t = 0; t < n; t++) {
            deviations[t] = history[t] - regression(t);
        }
        double[] errors = Arrays.copyOf(new CssProblem(history, order, hasConstant).errors(parameters()),
                n + horizon);
        double[] integrated = LagPolynomials.multiply(arPolynomial(), LagPolynomials.differencingPolynomial(order));
        double[] ma = maPolynomial();
        double[] mean = new double[horizon];
        for (int t = n; t < n + horizon; t++) {
            double value = 0;
            for (int k = 1; k < integrated.length; k++) {
                value -= integrated[k] * deviations[t - k];
            }
            for (int j = 1; j < ma.length; j++) {
                value += ma[j] * errors[t - j];
            }
            deviations[t] = value;
            mean[t - n] = Math.max(0, value + regression(t));
        }
        return mean;
    }
}

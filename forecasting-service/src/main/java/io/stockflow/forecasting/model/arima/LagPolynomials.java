package io.stockflow.forecasting.model.arima;

/** Polynomials in the backshift operator B, as coefficients by power of B, and the root check on them. */
final class LagPolynomials {

    private LagPolynomials() {
    }

    /** {@code 1 + sign·Σ ci·B^(spacing·i)} as coefficients by power of B. */
    static double[] lagPolynomial(double[] coefficients, int spacing, int sign) {
        double[] polynomial = new double[coefficients.length * spacing + 1];
        polynomial[0] = 1;
        for (int i = 0; i < coefficients.length; i++) {
            polynomial[(i + 1) * spacing] = sign * coefficients[i];
        }
        return polynomial;
    }

    static double[] multiply(double[] left, double[] right) {
        double[] product = new double[left.length + right.length - 1];
        for (int i = 0; i < left.length; i++) {
            for (int j = 0; j < right.length; j++) {
                product[i + j] += left[i] * right[j];
            }
        }
        return product;
    }

    /** {@code (1 − B)^d (1 − B^m)^D}. */
    static double[] differencingPolynomial(ArimaOrder order) {
        double[] polynomial = {1};
        for (int i = 0; i < order.d(); i++) {
            polynomial = multiply(polynomial, lagPolynomial(new double[]{1}, 1, -1));
        }
        for (int i = 0; i < order.seasonalD(); i++) {
            polynomial = multiply(polynomial, lagPolynomial(new double[]{1}, order.period(), -1));
        }
        return polynomial;
    }

    /**
     * Whether every root of {@code 1 + Σ ak·z^k} has modulus above {@code radius}: the roots of a(radius·z) lie
     * outside the unit circle exactly when every reflection coefficient of the Levinson step-down recursion has
     * modulus below one (Schur-Cohn test), which needs no root finding.
     */
    static boolean allRootsOutside(double[] polynomial, double radius) {
        int degree = polynomial.length - 1;
        double[] a = new double[degree];
        for (int k = 1; k <= degree; k++) {
            a[k - 1] = polynomial[k] * Math.pow(radius, k);
        }
        for (int j = degree; j >= 1; j--) {
            double reflection = a[j - 1];
            if (!(Math.abs(reflection) < 1)) {
                return false;
            }
            double[] lower = new double[j - 1];
            for (int i = 1; i < j; i++) {
                lower[i - 1] = (a[i - 1] - reflection * a[j - i - 1]) / (1 - reflection * reflection);
            }
            a = lower;
        }
        return true;
    }
}

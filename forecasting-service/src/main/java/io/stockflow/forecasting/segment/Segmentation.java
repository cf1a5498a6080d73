package io.stockflow.forecasting.segment;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Demand segments: k-means (k-means++ seeding, best of several seeded runs, commons-math) on demand profiles
 * standardised to zero mean and unit variance per feature — level on a log scale, so that one fast mover does not
 * make every other series look alike — plus ABC classes by revenue, or by units where no revenue is recorded
 * (A: the items making the first 80% of revenue, B: the next 15%, C: the rest) and XYZ classes by the coefficient of variation of weekly demand (X ≤ 0.5,
 * Y ≤ 1.0, Z above), as in Silver, Pyke &amp; Thomas, Inventory and Production Management in Supply Chains, §2.
 */
public final class Segmentation {

    /** A series' clusters and classes. */
    public record Assignment(int cluster, char abc, char xyz) {
    }

    /** A cluster: its size and its centre in the profile's own units. */
    public record Cluster(int id, int size, DemandProfile centre) {
    }

    public record Result(List<Cluster> clusters, List<Assignment> assignments) {
    }

    private static final int RUNS = 5;

    private Segmentation() {
    }

    /** Segments series from their profiles and weekly totals ({@link SegmentInput}) and their revenue. */
    public static Result segment(List<SegmentInput> inputs, double[] revenue, int k, long seed) {
        return segment(inputs.stream().map(SegmentInput::profile).toList(), revenue,
                inputs.stream().map(SegmentInput::weekly).toList(), k, seed);
    }

    /**
     * @param profiles one per series
     * @param revenue  total revenue per series, same order
     * @param weekly   weekly demand totals per series, same order
     * @param k        clusters wanted; fewer when there are fewer series
     * @param seed     for reproducible seeding
     */
    public static Result segment(List<DemandProfile> profiles, double[] revenue, List<double[]> weekly, int k,
                                 long seed) {
        int n = profiles.size();
        if (revenue.length != n || weekly.size() != n) {
            throw new IllegalArgumentException("One revenue and one weekly history per profile");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (n == 0) {
            return new Result(List.of(), List.of());
        }
        // Without any revenue recorded (a units-only history import), units stand in for it.
        boolean noRevenue = Arrays.stream(revenue).allMatch(value -> value <= 0);
        char[] abc = abc(noRevenue ? profiles.stream().mapToDouble(DemandProfile::level).toArray() : revenue);
        List<Assignment> assignments = new ArrayList<>(n);
        double[][] points = standardised(profiles);
        List<Point> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(new Point(i, points[i]));
        }
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(seed);
        List<CentroidCluster<Point>> found = new MultiKMeansPlusPlusClusterer<>(
                new KMeansPlusPlusClusterer<Point>(Math.min(k, n), 100, new EuclideanDistance(), random), RUNS).cluster(items);
        // Clusters numbered by level, slowest first, so that ids read the same from run to run.
        List<List<Integer>> members = new ArrayList<>();
        for (CentroidCluster<Point> cluster : found) {
            members.add(cluster.getPoints().stream().map(point -> point.index).toList());
        }
        members.removeIf(List::isEmpty);
        members.sort(Comparator.comparingDouble(indices -> indices.stream()
                .mapToDouble(i -> profiles.get(i).level()).average().orElse(0)));
        int[] clusterOf = new int[n];
        List<Cluster> clusters = new ArrayList<>();
        for (int id = 0; id < members.size(); id++) {
            List<Integer> indices = members.get(id);
            for (int i : indices) {
                clusterOf[i] = id;
            }
            clusters.add(new Cluster(id, indices.size(), centre(profiles, indices)));
        }
        for (int i = 0; i < n; i++) {
            assignments.add(new Assignment(clusterOf[i], abc[i], xyz(weekly.get(i))));
        }
        return new Result(clusters, assignments);
    }

    /** A: items making the first 80% of revenue (the item crossing 80% included), B: up to 95%, C: the rest. */
    static char[] abc(double[] revenue) {
        Integer[] order = new Integer[revenue.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -revenue[i]));
        double total = Arrays.stream(revenue).map(value -> Math.max(0, value)).sum();
        char[] classes = new char[revenue.length];
        double before = 0;
        for (int i : order) {
            double share = total == 0 ? 1 : before / total;
            classes[i] = share < 0.80 ? 'A' : share < 0.95 ? 'B' : 'C';
            before += Math.max(0, revenue[i]);
        }
        return classes;
    }

    /** X: coefficient of variation of weekly demand ≤ 0.5, Y: ≤ 1.0, Z: above (or no demand at all). */
    static char xyz(double[] weekly) {
        if (weekly.length < 2) {
            return 'Z';
        }
        double mean = Arrays.stream(weekly).average().orElse(0);
        if (mean == 0) {
            return 'Z';
        }
        double variance = Arrays.stream(weekly).map(value -> (value - mean) * (value - mean)).sum()
                / (weekly.length - 1);
        double cv = Math.sqrt(variance) / mean;
        return cv <= 0.5 ? 'X' : cv <= 1.0 ? 'Y' : 'Z';
    }

    private static double[][] standardised(List<DemandProfile> profiles) {
        int n = profiles.size();
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] features = profiles.get(i).features();
            features[0] = Math.log1p(features[0]);
            points[i] = features;
        }
        for (int f = 0; f < points[0].length; f++) {
            double mean = 0;
            for (double[] point : points) {
                mean += point[f] / n;
            }
            double variance = 0;
            for (double[] point : points) {
                variance += (point[f] - mean) * (point[f] - mean) / n;
            }
            double sd = Math.sqrt(variance);
            for (double[] point : points) {
                point[f] = sd == 0 ? 0 : (point[f] - mean) / sd;
            }
        }
        return points;
    }

    private static DemandProfile centre(List<DemandProfile> profiles, List<Integer> indices) {
        double[] sum = new double[4];
        for (int i : indices) {
            double[] features = profiles.get(i).features();
            for (int f = 0; f < 4; f++) {
                sum[f] += features[f] / indices.size();
            }
        }
        return new DemandProfile(sum[0], sum[1], sum[2], sum[3]);
    }

    private record Point(int index, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }
}

/**
 * Deterministic synthetic POS histories for the demo, ingestion benchmarks and forecasting tests.
 * <pre>{@code
 * SyntheticPosGenerator generator = new SyntheticPosGenerator(SyntheticPosConfig.defaults().withScale(20, 500));
 * try (Writer out = Files.newBufferedWriter(path)) {
 *     SyntheticPosCsv.write(out, generator.lines(), 0.01, 7);      // or SyntheticPosJson.write(...)
 * }
 * double truth = generator.expectedDemand("S001", "SKU-00042", LocalDate.of(2024, 6, 1));
 * }</pre>
 */
package io.stockflow.common.synthetic;

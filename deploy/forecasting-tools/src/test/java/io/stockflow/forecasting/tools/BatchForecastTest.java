package io.stockflow.forecasting.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/forecast-csv.sh's command line, and one small real run of it. */
class BatchForecastTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The output with line breaks and indentation as single spaces: help text wraps at 80 columns. */
    private String out() {
        return out.toString().replaceAll("\\s+", " ");
    }

    private int execute(String... args) {
        CommandLine command = new CommandLine(new BatchForecast());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void helpShowsEveryOptionWithItsDefault() {
        assertThat(execute("--help")).isZero();
        assertThat(out()).contains("--input", "--output", "--horizon", "default: 28", "--model",
                "default: ensemble", "seasonal_naive", "--quantiles", "default: 0.1,0.5,0.9,0.95,0.99", "--threads",
                "--learned", "default: false");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void unknownOptionsMissingOnesAndBadValuesAreUsageErrors() {
        assertThat(execute("--input", "a.csv", "--output", "b.csv", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--no-such-option'");
        assertThat(execute("--input", "a.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option", "--output");
        assertThat(execute("--input", "a.csv", "--output", "b.csv", "--horizon", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--horizon must be between 1 and 365");
        assertThat(execute("--input", "a.csv", "--output", "b.csv", "--model", "crystal_ball")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown model crystal_ball");
        assertThat(execute("--input", "a.csv", "--output", "b.csv", "--quantiles", "0.5,1.5")).isEqualTo(2);
        assertThat(execute("--input", "a.csv", "--output", "b.csv", "--threads", "two")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void learnedTakesTrueOrFalseAsBefore() {
        BatchForecast command = new BatchForecast();
        new CommandLine(command).parseArgs("--input", "a.csv", "--output", "b.csv", "--learned", "true",
                "--quantiles", "0.5,0.9");
        assertThat(command.learned).isTrue();
        assertThat(command.quantiles).containsExactly(0.5, 0.9);
        assertThat(command.horizon).isEqualTo(28);
        assertThat(command.model).isEqualTo("ensemble");

        BatchForecast off = new BatchForecast();
        new CommandLine(off).parseArgs("--learned", "false", "--input", "a.csv", "--output", "b.csv");
        assertThat(off.learned).isFalse();
    }

    @Test
    void forecastsEverySeriesOfAHistoryFile() throws IOException {
        Path input = dir.resolve("history.csv");
        Path output = dir.resolve("forecasts.csv");
        StringBuilder csv = new StringBuilder("series_id,date,quantity\n");
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int day = 0; day < 56; day++) {
            csv.append(String.format(Locale.ROOT, "a,%s,%d%n", start.plusDays(day), 3 + day % 7));
            csv.append(String.format(Locale.ROOT, "\"b,1\",%s,%d%n", start.plusDays(day), day % 2));
        }
        Files.writeString(input, csv);

        assertThat(execute("--input", input.toString(), "--output", output.toString(), "--horizon", "7",
                "--model", "seasonal_naive", "--quantiles", "0.5,0.9", "--threads", "1")).isZero();

        List<String> lines = Files.readAllLines(output);
        assertThat(lines.get(0)).isEqualTo("series_id,date,model,point,p50,p90,members,note");
        assertThat(lines).hasSize(1 + 2 * 7);
        assertThat(lines.get(1)).startsWith("a,2024-02-26,seasonal_naive,");
        assertThat(lines.get(8)).startsWith("\"b,1\",2024-02-26,seasonal_naive,");
    }

    @Test
    void aMalformedFileIsABadInputNamingTheRow() throws IOException {
        Path input = dir.resolve("bad.csv");
        Files.writeString(input, "series_id,date,quantity\na,2024-01-01,3\na,yesterday,4\n");

        assertThat(execute("--input", input.toString(), "--output", dir.resolve("out.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("forecast-csv: Row 2: date must be an ISO date");
        assertThat(execute("--input", dir.resolve("missing.csv").toString(), "--output",
                dir.resolve("out.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("forecast-csv: no such file");
    }
}

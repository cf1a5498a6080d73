package io.stockflow.common.synthetic;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.pos.SalesChannel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SyntheticPosGeneratorTest {

    private static final SyntheticPosConfig CONFIG = SyntheticPosConfig.defaults()
            .withSeed(7).withScale(3, 40).withPeriod(LocalDate.of(2024, 3, 4), 28);
    private static final SyntheticPosGenerator GENERATOR = new SyntheticPosGenerator(CONFIG);
    private static final List<PosTransaction> LINES = GENERATOR.lines().toList();

    @Test
    void theSameConfigGivesTheSameHistory() {
        assertThat(new SyntheticPosGenerator(CONFIG).lines().toList()).isEqualTo(LINES);
    }

    @Test
    void anotherSeedGivesAnotherHistory() {
        assertThat(new SyntheticPosGenerator(CONFIG.withSeed(8)).day(CONFIG.startDate()))
                .isNotEqualTo(GENERATOR.day(CONFIG.startDate()));
    }

    @Test
    void aDayGeneratedOnItsOwnIsThatDayOfTheHistory() {
        LocalDate date = CONFIG.startDate().plusDays(10);
        assertThat(GENERATOR.day(date))
                .isNotEmpty()
                .isEqualTo(LINES.stream().filter(line -> dateOf(line).equals(date)).toList());
    }

    @Test
    void daysOutsideTheHistoryAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> GENERATOR.day(CONFIG.startDate().minusDays(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> GENERATOR.day(CONFIG.endDate()));
    }

    @Test
    void linesAreGeneratedADayAtATime() {
        // A year of 20 stores × 500 SKUs is millions of lines: taking the first few must not generate the year.
        SyntheticPosConfig year = SyntheticPosConfig.defaults().withScale(20, 500);
        assertThat(new SyntheticPosGenerator(year).lines().limit(5))
                .hasSize(5)
                .allSatisfy(line -> assertThat(dateOf(line)).isEqualTo(year.startDate()));
    }

    @Test
    void transactionsAreWellFormedAndInTimeOrder() {
        // Problems are collected rather than asserted line by line: thousands of AssertJ calls would be slow.
        List<String> problems = new ArrayList<>();
        Set<String> transactionIds = new HashSet<>();
        PosTransaction previous = null;
        for (PosTransaction line : LINES) {
            boolean continues = previous != null && line.transactionId().equals(previous.transactionId());
            if (continues && (line.lineNumber() != previous.lineNumber() + 1
                    || !line.transactionTimestamp().equals(previous.transactionTimestamp())
                    || !line.storeId().equals(previous.storeId()) || line.channel() != previous.channel())) {
                problems.add("does not continue its transaction: " + line);
            }
            if (!continues && (line.lineNumber() != 1 || !transactionIds.add(line.transactionId()))) {
                problems.add("does not start a new transaction: " + line);
            }
            if (previous != null && line.transactionTimestamp().isBefore(previous.transactionTimestamp())) {
                problems.add("out of time order: " + line);
            }
            String idPrefix = line.storeId() + "-" + dateOf(line).format(DateTimeFormatter.BASIC_ISO_DATE) + "-";
            if (!line.transactionId().matches("S\\d{3}-\\d{8}-\\d{6}") || !line.transactionId().startsWith(idPrefix)) {
                problems.add("malformed transaction id: " + line);
            }
            LocalTime time = LocalTime.ofInstant(line.transactionTimestamp(), ZoneOffset.UTC);
            if (time.isBefore(CONFIG.opensAt()) || !time.isBefore(CONFIG.closesAt())) {
                problems.add("outside opening hours: " + line);
            }
            previous = line;
        }
        assertThat(problems).isEmpty();
        assertThat(LINES).anySatisfy(line -> assertThat(line.lineNumber()).isGreaterThan(3));
    }

    @Test
    void linesCarryTheCatalogue() {
        assertThat(LINES).extracting(PosTransaction::storeId).containsOnly("S001", "S002", "S003");
        assertThat(LINES).extracting(PosTransaction::currency).containsOnly("EUR");
        assertThat(LINES).extracting(PosTransaction::channel).containsOnly(SalesChannel.STORE, SalesChannel.ONLINE);
        assertThat(LINES).filteredOn(line -> !line.productId().matches("SKU-\\d{5}")).isEmpty();
        assertThat(LINES).filteredOn(line -> line.quantity().stripTrailingZeros().scale() > 0).isEmpty();
        assertThat(LINES).filteredOn(line -> line.variant() != null)
                .filteredOn(line -> !Set.of("size", "color").containsAll(line.variant().keySet())).isEmpty();
        assertThat(LINES).anySatisfy(line -> assertThat(line.variant()).containsKeys("size", "color"));
        assertThat(LINES).anySatisfy(line -> assertThat(line.variant()).isNull());
    }

    @Test
    void aFewUnitsComeBackAsReturnsOfTheirOwn() {
        List<PosTransaction> returns = LINES.stream().filter(line -> line.quantity().signum() < 0).toList();
        assertThat((double) returns.size() / LINES.size()).isBetween(0.002, 0.03);
        assertThat(returns).allSatisfy(line -> {
            assertThat(line.quantity()).isEqualByComparingTo("-1");
            assertThat(line.promotion()).isFalse();
            assertThat(LINES.stream().filter(other -> other.transactionId().equals(line.transactionId())))
                    .hasSize(1);
        });
    }

    @Test
    void salesFollowTheExpectedDemand() {
        double expected = 0;
        for (String store : GENERATOR.storeIds()) {
            for (SyntheticSku sku : GENERATOR.skus()) {
                for (LocalDate date = CONFIG.startDate(); date.isBefore(CONFIG.endDate()); date = date.plusDays(1)) {
                    expected += GENERATOR.expectedDemand(store, sku.productId(), date);
                }
            }
        }
        double sold = LINES.stream().filter(line -> line.quantity().signum() > 0)
                .mapToDouble(line -> line.quantity().doubleValue()).sum();
        assertThat(sold / expected).isCloseTo(1, within(0.05));
    }

    @Test
    void theCatalogueLooksLikeARetailers() {
        List<SyntheticSku> skus = new SyntheticPosGenerator(CONFIG.withScale(1, 1000)).skus();
        assertThat(skus.get(0).productId()).isEqualTo("SKU-00001");
        assertThat(skus.get(999).productId()).isEqualTo("SKU-01000");
        assertThat(skus).allSatisfy(sku -> {
            assertThat(sku.basePrice().scale()).isEqualTo(2);
            assertThat(sku.basePrice().movePointRight(2).remainder(BigDecimal.TEN)).isEqualByComparingTo("9");
        });
        assertThat(skus).extracting(SyntheticSku::category).containsOnly(ProductCategory.values());
        assertThat(skus.stream().filter(SyntheticSku::intermittent).count() / 1000.0).isBetween(0.14, 0.22);
        assertThat(skus).filteredOn(SyntheticSku::intermittent)
                .allSatisfy(sku -> assertThat(sku.baseDailyRate()).isLessThan(0.5));
        // Heavy tail: the fastest tenth of the regular SKUs sells about a third of their units.
        List<Double> rates = skus.stream().filter(sku -> !sku.intermittent()).map(SyntheticSku::baseDailyRate)
                .sorted(Comparator.reverseOrder()).toList();
        double total = rates.stream().mapToDouble(Double::doubleValue).sum();
        double fastest = rates.subList(0, rates.size() / 10).stream().mapToDouble(Double::doubleValue).sum();
        assertThat(fastest / total).isGreaterThan(0.3);
        assertThat(skus).filteredOn(sku -> !sku.variants().isEmpty()).isNotEmpty().allSatisfy(sku ->
                assertThat(sku.variants().stream().mapToDouble(SkuVariant::share).sum()).isCloseTo(1, within(1e-9)));
    }

    @Test
    void aLargerCatalogueStartsWithTheSkusOfASmallerOne() {
        assertThat(new SyntheticPosGenerator(CONFIG.withScale(3, 80)).skus().subList(0, 40))
                .isEqualTo(GENERATOR.skus());
    }

    private static LocalDate dateOf(PosTransaction line) {
        return LocalDate.ofInstant(line.transactionTimestamp(), ZoneOffset.UTC);
    }
}

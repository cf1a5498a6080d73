package io.stockflow.tools;

import io.stockflow.common.json.StockflowJson;
import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.synthetic.SyntheticPosConfig;
import io.stockflow.common.synthetic.SyntheticPosGenerator;
import io.stockflow.common.synthetic.SyntheticSku;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The front-door demo: streams a synthetic POS history (several stores, hundreds of SKUs, weekly and yearly
 * seasonality, promotions, intermittent items, some bad rows) through ingestion month by month, re-sends the
 * first month to show de-duplication, and prints what happened and the data quality report.
 */
public final class Demo {

    /** A batch answered 503 is sent again at most this many times in all, as a POS client would. */
    private static final int UPLOAD_ATTEMPTS = 3;

    /**
     * Uploads as a POS system would, through the gateway with an ingest-only API key, and reads the quality report
     * as the administrator.
     *
     * @return whether the demo saw what it expects (accepted lines, refused bad rows, a retry of duplicates)
     */
    public static boolean run(GatewaySession admin, SyntheticPosConfig config, double badRowRate, PrintStream out)
            throws IOException, InterruptedException {
        String apiKey = admin.createApiKey("local demo POS feed", "INGEST");
        out.printf("%nCreated an ingest-only API key for the demo's POS feed: %s_… (its id; the secret is not shown)%n",
                apiKey.substring(0, apiKey.indexOf('_', "sfk_".length())));
        SyntheticPosGenerator generator = new SyntheticPosGenerator(config);
        // Transaction ids are remembered for days: a run of its own keeps a second demo from being all duplicates.
        String run = "demo-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        out.printf("%nStreaming %d days of POS history for %d stores x %d SKUs (%s to %s), %.1f%% bad rows%n",
                config.days(), config.stores(), config.skus(), config.startDate(), config.endDate().minusDays(1),
                badRowRate * 100);
        out.printf("%-12s %10s %10s %10s %10s %9s%n", "batch", "rows", "accepted", "rejected", "duplicates",
                "seconds");
        long rows = 0;
        long accepted = 0;
        long rejected = 0;
        long duplicates = 0;
        long nanos = 0;
        try (PosUploader uploader = new PosUploader(admin.gatewayUrl(), "X-Api-Key", apiKey)) {
            LocalDate month = config.startDate();
            while (month.isBefore(config.endDate())) {
                LocalDate next = month.plusMonths(1).withDayOfMonth(1);
                JsonNode report = upload(uploader, generator, run, month, next.minusDays(1), badRowRate, out);
                rows += report.path("rows").asLong();
                accepted += report.path("accepted").asLong();
                rejected += report.path("rejected").asLong();
                duplicates += report.path("duplicates").asLong();
                nanos += report.path("_nanos").asLong();
                month = next;
            }
            out.println("\nRe-sending the first month, as a client retrying after a lost response would:");
            JsonNode retry = upload(uploader, generator, run, config.startDate(),
                    config.startDate().plusMonths(1).withDayOfMonth(1).minusDays(1), badRowRate, out);
            out.printf("%nFirst pass: %,d rows, %,d accepted, %,d rejected (on pos.transactions.dlq with reasons), "
                    + "%,d duplicates in %.1f s (a cold start; throughput: docs/benchmarks.md)%n", rows, accepted,
                    rejected, duplicates, nanos / 1e9);
            printQualityReport(admin, startedAt, out);
            boolean ingested = accepted > 0 && rejected > 0 && retry.path("accepted").asLong() == 0
                    && retry.path("duplicates").asLong() > 0;
            return ingested && forecast(admin, generator, out) && inventory(admin, generator, out);
        }
    }

    /**
     * Uploads one month as one batch. A 503 is retried with the whole batch, as the API invites a client to do:
     * the rows accepted before the failure come back as duplicates, so they are counted as accepted here.
     */
    private static JsonNode upload(PosUploader uploader, SyntheticPosGenerator generator, String run,
                                   LocalDate from, LocalDate to, double badRowRate, PrintStream out)
            throws IOException, InterruptedException {
        LocalDate lastDay = generator.config().endDate().minusDays(1); // endDate is exclusive
        LocalDate last = to.isAfter(lastDay) ? lastDay : to;
        long acceptedBefore = 0;
        for (int attempt = 1; ; attempt++) {
            Stream<PosTransaction> lines = from.datesUntil(last.plusDays(1)).flatMap(d -> generator.day(d).stream())
                    .map(line -> line.withTransactionId(run + line.transactionId()));
            long start = System.nanoTime();
            HttpResponse<String> response = uploader.uploadCsv(lines, badRowRate, from.toEpochDay());
            long elapsed = System.nanoTime() - start;
            ObjectNode body = (ObjectNode) StockflowJson.mapper().readTree(response.body());
            if (response.statusCode() == 503 && attempt < UPLOAD_ATTEMPTS) {
                acceptedBefore += body.path("accepted").asLong();
                out.printf("%-12s ingestion answered 503 (%s); sending the batch again in %d s%n",
                        from.toString().substring(0, 7), body.path("detail").asString(), 5 * attempt);
                Thread.sleep(5_000L * attempt);
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ingestion answered " + response.statusCode() + ": "
                        + response.body());
            }
            long carriedOver = Math.min(acceptedBefore, body.path("duplicates").asLong());
            body.put("accepted", body.path("accepted").asLong() + carriedOver)
                    .put("duplicates", body.path("duplicates").asLong() - carriedOver);
            out.printf("%-12s %,10d %,10d %,10d %,10d %9.1f%n", from.toString().substring(0, 7), body.path("rows")
                    .asLong(), body.path("accepted").asLong(), body.path("rejected").asLong(), body.path("duplicates")
                    .asLong(), elapsed / 1e9);
            return body.put("_nanos", elapsed);
        }
    }

    private static void printQualityReport(GatewaySession admin, Instant since, PrintStream out)
            throws IOException, InterruptedException {
        JsonNode report = admin.get("/api/data/quality?from=" + since + "&to="
                + Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
        JsonNode totals = report.path("totals");
        out.printf("%nData quality report (GET /api/data/quality; counts by hour of receipt, since %s):%n",
                since.truncatedTo(ChronoUnit.HOURS));
        out.printf("  received %,d  accepted %,d  rejected %,d  duplicates %,d  late %,d  out of order %,d%n",
                totals.path("received").asLong(), totals.path("accepted").asLong(),
                totals.path("rejected").asLong(), totals.path("duplicates").asLong(), totals.path("late").asLong(),
                totals.path("out_of_order").asLong());
        out.println("  rejected by reason:");
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("rejected_by_reason").properties().iterator();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> reason = it.next();
            out.printf("    %-24s %,d%n", reason.getKey(), reason.getValue().asLong());
        }
        JsonNode anomalies = report.path("anomalies");
        out.printf("  anomalies (robust z-score > %s over a %s-day baseline): %d price outliers, %d quantity spikes%n",
                anomalies.path("z_score_cutoff").asString(), anomalies.path("baseline_days").asString(),
                anomalies.path("price_outliers").size(), anomalies.path("quantity_spikes").size());
        for (int i = 0; i < Math.min(3, anomalies.path("quantity_spikes").size()); i++) {
            JsonNode s = anomalies.path("quantity_spikes").get(i);
            out.printf("    spike: %s %s on %s sold %s (baseline median %s)%n", s.path("store_id").asString(),
                    s.path("product_id").asString(), s.path("date").asString(), s.path("units").asString(),
                    s.path("baseline_median_units").asString());
        }
    }

    /**
     * Waits for forecasting to have counted the history, trains the default ensemble for every series through the
     * gateway, then asks for two weeks of one product in two stores and prints them.
     */
    private static boolean forecast(GatewaySession admin, SyntheticPosGenerator generator, PrintStream out)
            throws IOException, InterruptedException {
        String store = generator.storeIds().get(0);
        String product = generator.skus().get(0).productId();
        LocalDate first = generator.config().startDate();
        LocalDate last = generator.config().endDate().minusDays(1);
        String demandPath = "/api/ml/demand/" + store + "/" + product + "?from=" + first + "&to=" + last;
        int recorded = -1;
        for (int attempt = 0; attempt < 120; attempt++) {
            int now = admin.get(demandPath).size();
            if (now > 0 && now == recorded) {
                break;
            }
            recorded = now;
            Thread.sleep(1000);
        }
        out.printf("%nForecasting counted %d days of %s in %s from pos.transactions. Training the ensemble for every"
                + " series (POST /api/ml/models/train) ...%n", recorded, product, store);
        long version = admin.post("/api/ml/models/train", Map.of()).path("version").asLong();
        JsonNode run = admin.get("/api/ml/models/train/" + version);
        for (int attempt = 0; attempt < 600 && run.path("status").asString().equals("running"); attempt++) {
            Thread.sleep(1000);
            run = admin.get("/api/ml/models/train/" + version);
        }
        JsonNode ensemble = run.path("metrics").path("backtest").path("ensemble");
        JsonNode naive = run.path("metrics").path("backtest").path("seasonal_naive");
        out.printf("  model version %d: %s, %d series trained, %d failed; backtest MASE ensemble %.3f vs seasonal"
                        + " naive %.3f%n", version, run.path("status").asString(), run.path("series_done").asInt(),
                run.path("series_failed").asInt(), ensemble.path("mase").asDouble(Double.NaN),
                naive.path("mase").asDouble(Double.NaN));
        for (JsonNode learned : run.path("learned_models")) {
            if (learned.path("role").asString().equals("forecast")) {
                out.printf("  learned model %s trained through %s: %s%n", learned.path("name").asString(),
                        learned.path("spec").path("trained_through").asString(), learned.path("training"));
            }
        }
        run.path("metrics").path("learned_models_failed").properties().forEach(failed ->
                out.printf("  learned model %s not trained: %s%n", failed.getKey(), failed.getValue().asString()));
        List<String> stores = generator.storeIds().subList(0, Math.min(2, generator.storeIds().size()));
        JsonNode forecast = admin.post("/api/ml/forecast", Map.of("product_ids", List.of(product),
                "store_ids", stores, "forecast_horizon_days", 14)).path("forecasts").path(0);
        StringBuilder members = new StringBuilder();
        for (JsonNode member : forecast.path("members")) {
            members.append(members.isEmpty() ? "" : ", ").append(member.path("model").asString())
                    .append(String.format(Locale.ROOT, " %.2f", member.path("weight").asDouble()));
        }
        out.printf("%nPOST /api/ml/forecast %s in %s, 14 days (members and weights: %s)%n", product, store, members);
        out.printf("  %-10s %7s %7s %7s %7s%n", "date", "point", "p10", "p50", "p90");
        for (JsonNode day : forecast.path("daily")) {
            JsonNode q = day.path("quantiles");
            out.printf(Locale.ROOT, "  %-10s %7.2f %7.1f %7.1f %7.1f%n", day.path("date").asString(),
                    day.path("point").asDouble(), q.path("p10").asDouble(), q.path("p50").asDouble(),
                    q.path("p90").asDouble());
        }
        for (JsonNode total : forecast.path("lead_time_totals")) {
            JsonNode q = total.path("quantiles");
            out.printf(Locale.ROOT, "  next %2d days: %.1f units (P10 %.1f, P90 %.1f, P99 %.1f)%n",
                    total.path("days").asInt(), total.path("point").asDouble(), q.path("p10").asDouble(),
                    q.path("p90").asDouble(), q.path("p99").asDouble());
        }
        return run.path("status").asString().equals("succeeded") && run.path("series_done").asInt() > 0
                && forecast.path("daily").size() == 14;
    }

    /**
     * Gives one store's first products terms and a supplier, counts their stock (every third nearly empty), waits
     * for inventory to plan them on the forecasts just published, and turns the reorder recommendations into a draft
     * purchase order, which it approves.
     */
    private static boolean inventory(GatewaySession admin, SyntheticPosGenerator generator, PrintStream out)
            throws IOException, InterruptedException {
        String store = generator.storeIds().get(0);
        List<SyntheticSku> skus = generator.skus().subList(0, Math.min(12, generator.skus().size()));
        admin.put("/api/inventory/suppliers/DEMO-WHOLESALE", Map.of("name", "Demo wholesale", "lead_time_days", 5,
                "lead_time_sd_days", 1, "ordering_cost", 40, "currency", "EUR"));
        List<Map<String, Object>> counts = new java.util.ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            SyntheticSku sku = skus.get(i);
            admin.put("/api/inventory/items/" + store + "/" + sku.productId(), Map.of("supplier_id", "DEMO-WHOLESALE",
                    "unit_cost", sku.basePrice().multiply(new java.math.BigDecimal("0.6")).setScale(2,
                            java.math.RoundingMode.HALF_UP), "unit_price", sku.basePrice(), "currency", "EUR",
                    "holding_cost_rate", 0.25, "target_fill_rate", 0.97, "pack_size", 6, "min_order_quantity", 12));
            counts.add(Map.of("store_id", store, "product_id", sku.productId(), "reason", "count",
                    "counted_quantity", i % 3 == 0 ? 1 : Math.round(sku.baseDailyRate() * 21)));
        }
        admin.post("/api/inventory/adjustments", Map.of("adjustments", counts));
        String products = String.join(",", skus.stream().map(SyntheticSku::productId).toList());
        String positions = "/api/inventory/current?store_id=" + store + "&product_id=" + products + "&size=50";
        out.printf("%nInventory: %d items of %s on terms from a supplier (5-day lead time, 97%% fill rate), stock "
                + "counted; waiting for them to be planned on the forecasts ...%n", skus.size(), store);
        boolean planned = false;
        for (int attempt = 0; attempt < 120 && !planned; attempt++) {
            Thread.sleep(1000);
            JsonNode page = admin.get(positions).path("positions");
            planned = page.size() == skus.size();
            for (JsonNode position : page) {
                planned &= position.hasNonNull("evaluated_at") && position.hasNonNull("reorder_point");
            }
        }
        JsonNode answer = admin.post("/api/inventory/reorder/recommendations", Map.of("store_ids", List.of(store),
                "product_ids", skus.stream().map(SyntheticSku::productId).toList(), "create_drafts", true));
        out.println("POST /api/inventory/reorder/recommendations (what to order now):");
        out.printf("  %-10s %8s %9s %9s %7s %7s %9s %-9s %s%n", "product", "on hand", "LT demand", "safety", "r",
                "Q", "order", "urgency", "stockout");
        for (JsonNode line : answer.path("recommendations")) {
            JsonNode n = line.path("numbers");
            out.printf(Locale.ROOT, "  %-10s %8.0f %9.1f %9.1f %7.1f %7.0f %9.0f %-9s %s%n",
                    line.path("product_id").asString(), n.path("on_hand").asDouble(),
                    n.path("lead_time_demand").asDouble(), n.path("safety_stock").asDouble(),
                    n.path("reorder_point").asDouble(), n.path("order_quantity").asDouble(),
                    line.path("quantity").asDouble(), line.path("urgency").asString(),
                    line.path("projected_stockout_date").asString("-"));
        }
        JsonNode order = answer.path("purchase_orders").path(0);
        if (order.isMissingNode()) {
            out.println("  no purchase order was drafted");
            return false;
        }
        // An earlier run today with the same stock drafted (and approved) this very order: it comes back as it is.
        JsonNode approved = order.path("status").asString().equals("draft") ? admin.post(
                "/api/inventory/purchase-orders/" + order.path("purchase_order_id").asString() + "/approve", Map.of())
                : order;
        out.printf("  draft purchase order %s: %d lines, approved by %s -> %s%n",
                order.path("purchase_order_id").asString(), order.path("lines").size(),
                approved.path("approved_by").asString(), approved.path("status").asString());
        printAlerts(admin, store, out);
        return planned && answer.path("recommendations").size() > 0 && approved.path("status").asString()
                .equals("approved");
    }

    /** Inventory's alerts as notification received them from Kafka (no rules are set up, so nothing is sent). */
    private static void printAlerts(GatewaySession admin, String store, PrintStream out)
            throws IOException, InterruptedException {
        JsonNode alerts = admin.get("/api/alerts?store_id=" + store + "&limit=100").path("alerts");
        for (int attempt = 0; attempt < 60 && alerts.isEmpty(); attempt++) {
            Thread.sleep(1000);
            alerts = admin.get("/api/alerts?store_id=" + store + "&limit=100").path("alerts");
        }
        out.printf("%nGET /api/alerts?store_id=%s — %d alerts from inventory.alerts, e.g.:%n", store, alerts.size());
        for (int i = 0; i < Math.min(3, alerts.size()); i++) {
            JsonNode alert = alerts.get(i);
            out.printf("  %-9s %-30s %s%n", alert.path("severity").asString(), alert.path("type").asString(),
                    alert.path("title").asString());
        }
    }

    static SyntheticPosConfig demoHistory(int stores, int skus, int days) {
        LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        return SyntheticPosConfig.defaults().withScale(stores, skus).withPeriod(end.minusDays(days - 1L), days);
    }

    private Demo() {
    }
}

package io.stockflow.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stockflow.common.events.EventCodec;
import io.stockflow.common.events.EventEnvelope;
import io.stockflow.common.events.EventTypes;
import io.stockflow.common.events.Topics;
import io.stockflow.common.inventory.InventoryAlert;
import io.stockflow.notification.channel.RecordingHttpServer;
import io.stockflow.notification.channel.WebhookSignature;
import io.stockflow.testsupport.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From alert events on Kafka through rules to a real webhook receiver, a real SMTP server and an SMS API. */
@IntegrationTest
@DirtiesContext // its listener must not share the consumer group with the next test class's context
class NotificationIntegrationTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static RecordingHttpServer receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = RecordingHttpServer.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("stockflow.notification.allowed-private-targets", () -> "127.0.0.1/32");
        registry.add("stockflow.notification.delivery-interval", () -> "200ms");
        registry.add("stockflow.notification.escalation-interval", () -> "300ms");
        registry.add("stockflow.notification.retry.base-delay", () -> "200ms");
        registry.add("stockflow.notification.retry.max-attempts", () -> "3");
        registry.add("stockflow.notification.inventory.base-url", () -> receiver.baseUrl());
        registry.add("stockflow.notification.inventory.api-key", () -> "planner-key");
        registry.add("stockflow.notification.secrets-key", () -> java.util.Base64.getEncoder()
                .encodeToString(new byte[32]));
    }

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    DatabaseClient db;

    private final EventCodec codec = new EventCodec();
    private final String store = "S-" + UUID.randomUUID().toString().substring(0, 8);

    private JsonNode post(String path, Object body, int status) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String channel(String name, String type, Map<String, String> settings, Map<String, String> secrets) {
        return post("/api/notifications/channels", Map.of("name", name + "-" + store, "type", type, "settings",
                settings, "secrets", secrets), 201).get("channel_id").asString();
    }

    private String subscription(String channel, String address) {
        return post("/api/notifications/subscriptions", Map.of("name", address, "channel_id", channel,
                "address", address), 201).get("subscription_id").asString();
    }

    private UUID raise(String product, String kind, double available) {
        UUID id = UUID.randomUUID();
        publish(id, EventTypes.INVENTORY_ALERT_RAISED, product, kind, available);
        return id;
    }

    private void publish(UUID id, String type, String product, String kind, double available) {
        InventoryAlert alert = new InventoryAlert(store, product, kind, 1, "critical",
                "forecast demand over the 7.0-day lead time (70.0) exceeds available stock (" + available + ")",
                available, 0, 0, available, 7.0, 70.0, 70.0, available / 10, null, null, Instant.now());
        kafka.send(Topics.INVENTORY_ALERTS.name(), store + "|" + product, codec.encode(new EventEnvelope<>(id, type, 1,
                Instant.now(), "inventory-service", alert)));
        kafka.flush();
    }

    private JsonNode deliveries(UUID alert) {
        return client.get().uri("/api/alerts/{id}/deliveries", alert).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> statuses(JsonNode deliveries) {
        List<String> statuses = new java.util.ArrayList<>();
        deliveries.forEach(delivery -> statuses.add(delivery.get("status").asString()));
        return statuses;
    }

    private List<RecordingHttpServer.Recorded> hooks(String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void anAlertReachesWebhookAndEmailOnceIsDeduplicatedRetriedEscalatedAndResolved() throws Exception {
        String hookPath = "/hook-" + store;
        String webhook = channel("hooks", "webhook", Map.of(), Map.of("signing_secret", "s3cret"));
        String email = channel("mail", "email", Map.of("host", "127.0.0.1", "port",
                String.valueOf(SMTP.getSmtp().getPort()), "from", "alerts@stockflow.test"), Map.of());
        String sms = channel("sms", "sms", Map.of("base_url", receiver.baseUrl(), "account_sid", "AC123",
                "from", "+15005550006"), Map.of("auth_token", "token-1"));
        String hookSubscription = subscription(webhook, receiver.baseUrl() + hookPath);
        String mailSubscription = subscription(email, "planner@example.com");
        String smsSubscription = subscription(sms, "+4915112345678");

        JsonNode secrets = client.get().uri("/api/notifications/channels/{id}", webhook).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(secrets.toString()).doesNotContain("s3cret");
        assertThat(secrets.get("secret_names").get(0).asString()).isEqualTo("signing_secret");
        String stored = db.sql("SELECT secrets FROM channel WHERE channel_id = $1::uuid").bind(0, webhook)
                .map(row -> row.get("secrets", String.class)).one().block(Duration.ofSeconds(5));
        assertThat(stored).startsWith("sealed:").doesNotContain("s3cret");

        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "stockouts at " + store);
        rule.put("alert_types", List.of("inventory.stockout_risk"));
        rule.put("min_severity", "warning");
        rule.put("store_ids", List.of(store));
        rule.put("conditions", List.of(Map.of("field", "days_of_cover", "op", "lt", "value", 5)));
        rule.put("dedup_window_minutes", 60);
        rule.put("subscription_ids", List.of(hookSubscription, mailSubscription));
        rule.put("escalation", List.of(Map.of("after_minutes", 30, "subscription_ids", List.of(smsSubscription))));
        post("/api/notifications/rules", rule, 201);

        // The receiver fails once: the delivery is retried and succeeds.
        receiver.respondWith(hookPath, 503, 200);
        UUID first = raise("P1", "stockout_risk", 12);
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks(hookPath).size() == 2);
        RecordingHttpServer.Recorded hook = hooks(hookPath).get(1);
        assertThat(WebhookSignature.verify("s3cret", hook.header("X-Stockflow-Signature"), hook.body(),
                Instant.now(), Duration.ofMinutes(5))).isTrue();
        JsonNode body = new tools.jackson.databind.json.JsonMapper().readTree(hook.body());
        assertThat(body.get("data").get("alert_id").asString()).isEqualTo(first.toString());
        assertThat(hook.header("Idempotency-Key")).isEqualTo(hooks(hookPath).get(0).header("Idempotency-Key"));

        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("planner@example.com");
        assertThat(mail.getSubject()).isEqualTo("[CRITICAL] Stockout risk of P1 at " + store);
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("exceeds available stock");

        // The same event again, and the same situation raised anew: nothing more is sent.
        publish(first, EventTypes.INVENTORY_ALERT_RAISED, "P1", "stockout_risk", 12);
        UUID second = raise("P1", "stockout_risk", 11);
        // Another product is a different situation; a product with cover above the threshold matches no rule.
        UUID other = raise("P2", "stockout_risk", 20);
        UUID covered = raise("P3", "stockout_risk", 60);
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks(hookPath).size() == 3);
        JsonNode suppressed = deliveries(second);
        assertThat(statuses(suppressed)).containsOnly("suppressed");
        assertThat(suppressed.get(0).get("last_error").asString()).contains(first.toString());
        assertThat(deliveries(covered)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statuses(deliveries(other))).containsOnly("delivered"));
        Thread.sleep(700);
        assertThat(hooks(hookPath)).hasSize(3);

        JsonNode log = deliveries(first);
        assertThat(log.findValuesAsString("channel_type")).containsExactlyInAnyOrder("webhook", "email");
        JsonNode webhookDelivery = log.get(0).get("channel_type").asString().equals("webhook") ? log.get(0)
                : log.get(1);
        assertThat(webhookDelivery.get("status").asString()).isEqualTo("delivered");
        assertThat(webhookDelivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(webhookDelivery.get("log").findValuesAsString("outcome"))
                .containsExactly("failed_retryable", "delivered");

        // Unacknowledged: the escalation step is due (moved forward instead of waiting 30 minutes).
        db.sql("UPDATE alert_route SET next_escalation_at = now() WHERE alert_id = $1").bind(0, first).then()
                .block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> !hooks("/2010-04-01/Accounts/AC123/Messages.json")
                .isEmpty());
        RecordingHttpServer.Recorded text = hooks("/2010-04-01/Accounts/AC123/Messages.json").get(0);
        assertThat(text.body()).contains("To=%2B4915112345678");
        // The other alert is acknowledged before its step is due: nobody is escalated to.
        post("/api/alerts/" + other + "/ack", Map.of(), 200);
        post("/api/alerts/" + other + "/ack", Map.of(), 409);
        db.sql("UPDATE alert_route SET next_escalation_at = now() WHERE alert_id = $1").bind(0, other).then()
                .block(Duration.ofSeconds(5));
        Thread.sleep(1_000);
        assertThat(hooks("/2010-04-01/Accounts/AC123/Messages.json")).hasSize(1);

        // Inventory clears the situation: the open alert is resolved by the system.
        publish(UUID.randomUUID(), EventTypes.INVENTORY_ALERT_CLEARED, "P1", "stockout_risk", 80);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.get()
                .uri("/api/alerts/{id}", first).exchange().expectBody(JsonNode.class).returnResult()
                .getResponseBody().get("alert").get("status").asString()).isEqualTo("resolved"));
        JsonNode open = client.get().uri("/api/alerts?store_id={s}&status=acknowledged", store).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(open.get("alerts").findValuesAsString("alert_id")).containsExactly(other.toString());
    }

    @Test
    void badAddressesPrivateTargetsAndUnknownRuleFieldsAreRefused() {
        String email = channel("mail2", "email", Map.of("host", "127.0.0.1", "port", "25", "from",
                "alerts@stockflow.test"), Map.of());
        String sms = channel("sms2", "sms", Map.of("account_sid", "AC1", "from", "+15005550006"),
                Map.of("auth_token", "t"));
        String webhook = channel("hooks2", "webhook", Map.of(), Map.of("signing_secret", "x"));
        assertThat(post("/api/notifications/subscriptions", Map.of("name", "x", "channel_id", email,
                "address", "not an address"), 400).get("errors").get(0).get("code").asString())
                .isEqualTo("invalid_email");
        assertThat(post("/api/notifications/subscriptions", Map.of("name", "x", "channel_id", sms,
                "address", "0151 1234"), 400).get("errors").get(0).get("code").asString())
                .isEqualTo("invalid_phone");
        for (String target : List.of("https://10.0.0.8/hook", "https://169.254.169.254/latest", "https://[::1]/x",
                "ftp://example.com/x")) {
            assertThat(post("/api/notifications/subscriptions", Map.of("name", "x", "channel_id", webhook,
                    "address", target), 400).get("errors").get(0).get("code").asString()).isEqualTo("invalid_url");
        }
        assertThat(post("/api/notifications/channels", Map.of("name", "no-secret", "type", "webhook"), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("secrets.signing_secret");
        // Provider endpoints a planner sets on a channel are held to the same rule as webhook targets.
        JsonNode internalRelay = post("/api/notifications/channels", Map.of("name", "relay", "type", "email",
                "settings", Map.of("host", "10.1.2.3", "port", "25", "from", "a@stockflow.test")), 400);
        assertThat(internalRelay.get("errors").findValuesAsString("field")).containsExactly("settings.host");
        JsonNode metadataPush = post("/api/notifications/channels", Map.of("name", "push", "type", "push",
                "settings", Map.of("project_id", "p", "client_email", "sa@p.iam.gserviceaccount.com",
                        "endpoint", "https://169.254.169.254", "token_uri", "http://example.com/token"),
                "secrets", Map.of("private_key", "k")), 400);
        assertThat(metadataPush.get("errors").findValuesAsString("field"))
                .containsExactly("settings.endpoint", "settings.token_uri");
        assertThat(metadataPush.get("errors").findValuesAsString("code")).containsOnly("invalid_url");
        JsonNode unknownField = post("/api/notifications/rules", Map.of("name", "r", "subscription_ids",
                List.of(UUID.randomUUID()), "colour", "red"), 400);
        assertThat(unknownField.toString()).contains("colour");
        JsonNode unknownSubscription = post("/api/notifications/rules", Map.of("name", "r",
                "alert_types", List.of("inventory.stockout_risk", "weather"), "subscription_ids",
                List.of(UUID.randomUUID())), 400);
        assertThat(unknownSubscription.get("errors").findValuesAsString("code"))
                .contains("invalid_value", "unknown_subscription");
    }

    @Test
    void aRuleDraftsAPurchaseOrderThroughInventoryAndItsThrottleHoldsTheRest() {
        String webhook = channel("hooks3", "webhook", Map.of(), Map.of("signing_secret", "k"));
        String hook = subscription(webhook, receiver.baseUrl() + "/orders-" + store);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "reorder at " + store);
        rule.put("alert_types", List.of("inventory.below_reorder_point"));
        rule.put("store_ids", List.of(store));
        rule.put("throttle", Map.of("max", 1, "per_minutes", 60));
        rule.put("subscription_ids", List.of(hook));
        rule.put("create_purchase_order", true);
        post("/api/notifications/rules", rule, 201);
        receiver.answerBody("/api/inventory/reorder/recommendations",
                "{\"purchase_orders\":[{\"purchase_order_id\":\"7d3c\",\"status\":\"draft\"}]}");

        UUID first = raise("P10", "below_reorder_point", 30);
        await().atMost(Duration.ofSeconds(20)).until(() -> !hooks("/api/inventory/reorder/recommendations")
                .isEmpty());
        RecordingHttpServer.Recorded order = hooks("/api/inventory/reorder/recommendations").get(0);
        assertThat(order.header("X-Api-Key")).isEqualTo("planner-key");
        JsonNode body = new tools.jackson.databind.json.JsonMapper().readTree(order.body());
        assertThat(body.get("store_ids").get(0).asString()).isEqualTo(store);
        assertThat(body.get("product_ids").get(0).asString()).isEqualTo("P10");
        assertThat(body.get("create_drafts").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(deliveries(first))).containsOnly("delivered"));

        UUID second = raise("P11", "below_reorder_point", 30);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(deliveries(second))).containsOnly("throttled"));
        assertThat(deliveries(second).get(0).get("last_error").asString()).contains("more than 1 alerts in 60");
        assertThat(hooks("/api/inventory/reorder/recommendations")).hasSize(1);

        // A replica died while sending (claimed, lease run out): another takes the delivery over and the receiver
        // sees the same idempotency id again — at least once, never lost.
        String path = "/orders-" + store;
        String idempotencyId = hooks(path).get(0).header("Idempotency-Key");
        db.sql("UPDATE delivery SET status = 'sending', lease_until = now() - interval '1 second' "
                + "WHERE alert_id = $1 AND subscription_id IS NOT NULL").bind(0, first).then()
                .block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks(path).size() == 2);
        assertThat(hooks(path).get(1).header("Idempotency-Key")).isEqualTo(idempotencyId);
    }

    /** Rules are kept in memory between batches; a change must reach the very next alert. */
    @Test
    void aChangedRuleAppliesToTheNextAlert() throws Exception {
        String path = "/changes-" + store;
        String webhook = channel("hooks-changes", "webhook", Map.of(), Map.of("signing_secret", "k"));
        String hook = subscription(webhook, receiver.baseUrl() + path);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "changes at " + store);
        rule.put("alert_types", List.of("inventory.stockout_risk"));
        rule.put("store_ids", List.of(store));
        rule.put("subscription_ids", List.of(hook));
        String ruleId = post("/api/notifications/rules", rule, 201).get("rule_id").asString();

        raise("C1", "stockout_risk", 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks(path).size() == 1);

        rule.put("store_ids", List.of(store + "-elsewhere"));
        client.put().uri("/api/notifications/rules/{id}", ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(rule).exchange().expectStatus().isOk();
        UUID unmatched = raise("C2", "stockout_risk", 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM alert WHERE alert_id = $1",
                unmatched) == 1);

        rule.put("store_ids", List.of(store));
        client.put().uri("/api/notifications/rules/{id}", ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(rule).exchange().expectStatus().isOk();
        raise("C3", "stockout_risk", 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks(path).size() == 2);
        assertThat(deliveries(unmatched)).isEmpty();
        assertThat(hooks(path).get(1).body()).contains("C3");
    }

    @Test
    void aTestMessageGoesOutAtOnceAndSaysWhatTheReceiverAnswered() throws Exception {
        String path = "/test-" + store;
        String webhook = channel("hooks-test", "webhook", Map.of(), Map.of("signing_secret", "t0p"));
        String hook = subscription(webhook, receiver.baseUrl() + path);

        JsonNode sent = post("/api/notifications/subscriptions/" + hook + "/test", Map.of(), 200);
        assertThat(sent.get("delivered").asBoolean()).isTrue();
        assertThat(sent.get("status").asInt()).isEqualTo(200);
        assertThat(sent.get("channel_type").asString()).isEqualTo("webhook");
        RecordingHttpServer.Recorded request = hooks(path).get(0);
        assertThat(request.header("Idempotency-Key")).isEqualTo(sent.get("message_id").asString());
        assertThat(WebhookSignature.verify("t0p", request.header("X-Stockflow-Signature"), request.body(),
                Instant.now(), Duration.ofMinutes(5))).isTrue();
        assertThat(request.body()).contains("[TEST]").contains("\"test\":true");

        // The receiver's refusal comes back as it is; a test message is not retried.
        receiver.respondWith(path, 410);
        JsonNode refused = post("/api/notifications/subscriptions/" + hook + "/test", Map.of(), 200);
        assertThat(refused.get("delivered").asBoolean()).isFalse();
        assertThat(refused.get("status").asInt()).isEqualTo(410);
        assertThat(refused.get("detail").asString()).startsWith("HTTP 410");
        Thread.sleep(500);
        assertThat(hooks(path)).hasSize(2);
        post("/api/notifications/subscriptions/" + UUID.randomUUID() + "/test", Map.of(), 404);
    }

    /**
     * A receiver down for longer than the retry policy lasts: the delivery ends dead with its log, is listed among
     * the dead letters, and is sent again when asked — with the policy's attempts anew — once, or for a channel.
     */
    @Test
    void aDeliveryThatKeepsFailingEndsDeadAndIsSentAgainWhenAsked() {
        String path = "/dead-" + store;
        String webhook = channel("hooks-dead", "webhook", Map.of(), Map.of("signing_secret", "k"));
        String hook = subscription(webhook, receiver.baseUrl() + path);
        post("/api/notifications/rules", Map.of("name", "dead letters at " + store, "store_ids", List.of(store),
                "subscription_ids", List.of(hook)), 201);

        // Three attempts (the test's policy) fail: dead. Sent again, it fails twice more and then gets through,
        // which it could not if the policy still counted the first three attempts.
        receiver.respondWith(path, 500, 502, 503, 503, 503);
        UUID alert = raise("D1", "stockout_risk", 4);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(deliveries(alert))).containsOnly("dead"));
        JsonNode dead = deliveries(alert).get(0);
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("last_status").asInt()).isEqualTo(503);
        assertThat(dead.get("last_error").asString()).isNotBlank();
        assertThat(dead.get("log").findValuesAsString("outcome")).containsOnly("failed_retryable").hasSize(3);
        String deliveryId = dead.get("delivery_id").asString();

        JsonNode letters = client.get().uri("/api/notifications/dead-deliveries?channel_id={c}&limit=1", webhook)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode letter = letters.get("deliveries").get(0);
        assertThat(letter.get("delivery_id").asString()).isEqualTo(deliveryId);
        assertThat(letter.get("alert_id").asString()).isEqualTo(alert.toString());
        assertThat(letter.get("channel_type").asString()).isEqualTo("webhook");
        assertThat(letter.get("address").asString()).isEqualTo(receiver.baseUrl() + path);
        assertThat(letter.get("last_attempt_at").isNull()).isFalse();
        JsonNode next = client.get().uri("/api/notifications/dead-deliveries?channel_id={c}&cursor={k}", webhook,
                        letters.get("next_cursor").asString()).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(next.get("deliveries")).isEmpty();

        post("/api/alerts/" + alert + "/deliveries/" + deliveryId + "/retry", Map.of(), 200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(deliveries(alert))).containsOnly("delivered"));
        JsonNode delivered = deliveries(alert).get(0);
        assertThat(delivered.get("attempts").asInt()).isEqualTo(6);
        assertThat(delivered.get("log").findValuesAsString("outcome")).containsExactly("failed_retryable",
                "failed_retryable", "failed_retryable", "failed_retryable", "failed_retryable", "delivered");
        assertThat(hooks(path)).hasSize(6);
        assertThat(hooks(path).stream().map(r -> r.header("Idempotency-Key")).distinct()).hasSize(1);
        JsonNode notDead = post("/api/alerts/" + alert + "/deliveries/" + deliveryId + "/retry", Map.of(), 409);
        assertThat(notDead.get("detail").asString()).contains("is delivered");
        post("/api/alerts/" + alert + "/deliveries/" + UUID.randomUUID() + "/retry", Map.of(), 404);

        // A second alert's delivery dies too; retrying the channel's dead letters sends it (and nothing else).
        receiver.respondWith(path, 503, 503, 503);
        UUID second = raise("D2", "stockout_risk", 4);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(deliveries(second))).containsOnly("dead"));
        JsonNode answer = post("/api/notifications/dead-deliveries/retry", Map.of("channel_id", webhook), 200);
        assertThat(answer.get("retried").asInt()).isEqualTo(1);
        assertThat(answer.get("delivery_ids").get(0).asString())
                .isEqualTo(deliveries(second).get(0).get("delivery_id").asString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(deliveries(second))).containsOnly("delivered"));
        assertThat(hooks(path)).hasSize(10);

        JsonNode unknownField = post("/api/notifications/dead-deliveries/retry", Map.of("channelid", webhook), 400);
        assertThat(unknownField.toString()).contains("channelid");
        JsonNode badPeriod = post("/api/notifications/dead-deliveries/retry", Map.of("from", "2026-12-02T00:00:00Z",
                "to", "2026-12-01T00:00:00Z"), 400);
        assertThat(badPeriod.get("errors").findValuesAsString("field")).containsExactly("to");
        client.get().uri("/api/notifications/dead-deliveries?cursor=yesterday").exchange().expectStatus()
                .isBadRequest();
    }

    @Autowired
    io.stockflow.notification.alert.AlertRetention retention;

    @Test
    void resolvedAlertsAreForgottenWithTheirDeliveriesAfterTheRetentionOthersAreKept() {
        String webhook = channel("hooks-retention", "webhook", Map.of(), Map.of("signing_secret", "k"));
        String hook = subscription(webhook, receiver.baseUrl() + "/retention-" + store);
        // Matches nothing the other tests raise: it exists for the stored rows to refer to.
        String ruleId = post("/api/notifications/rules", Map.of("name", "retention " + store,
                "store_ids", List.of(store + "-quiet"), "subscription_ids", List.of(hook)), 201)
                .get("rule_id").asString();
        UUID longResolved = storedAlert("resolved", 200, ruleId, hook);
        UUID recentlyResolved = storedAlert("resolved", 10, ruleId, hook);
        UUID longOpen = storedAlert("open", 200, ruleId, hook);

        assertThat(retention.prune()).isGreaterThanOrEqualTo(1);

        assertThat(count("SELECT count(*) FROM alert WHERE alert_id = $1", longResolved)).isZero();
        assertThat(count("SELECT count(*) FROM delivery WHERE alert_id = $1", longResolved)).isZero();
        assertThat(count("SELECT count(*) FROM alert_route WHERE alert_id = $1", longResolved)).isZero();
        assertThat(count("SELECT count(*) FROM delivery_attempt WHERE delivery_id = $1",
                UUID.nameUUIDFromBytes(longResolved.toString().getBytes()))).isZero();
        for (UUID kept : List.of(recentlyResolved, longOpen)) {
            assertThat(count("SELECT count(*) FROM alert WHERE alert_id = $1", kept)).isOne();
            assertThat(count("SELECT count(*) FROM delivery_attempt WHERE delivery_id = $1",
                    UUID.nameUUIDFromBytes(kept.toString().getBytes()))).isOne();
        }
        client.get().uri("/api/alerts/{id}", longResolved).exchange().expectStatus().isNotFound();
    }

    /** An alert {@code daysAgo} old (resolved then, when resolved) with one delivered delivery and its log line. */
    private UUID storedAlert(String status, int daysAgo, String ruleId, String subscriptionId) {
        UUID alert = UUID.randomUUID();
        UUID delivery = UUID.nameUUIDFromBytes(alert.toString().getBytes());
        db.sql("""
                        INSERT INTO alert (alert_id, type, severity, store_id, product_id, title, message, payload,
                            dedup_key, status, occurred_at, received_at, resolved_at)
                        VALUES ($1, 'inventory.stockout_risk', 'critical', $2, 'P1', 'title', 'message', '{}'::jsonb,
                            $3, $4, now() - make_interval(days => $5), now() - make_interval(days => $5),
                            CASE WHEN $4 = 'resolved' THEN now() - make_interval(days => $5) END)""")
                .bind(0, alert).bind(1, store).bind(2, "k-" + alert).bind(3, status).bind(4, daysAgo)
                .then().block(Duration.ofSeconds(5));
        db.sql("INSERT INTO alert_route (alert_id, rule_id) VALUES ($1, $2::uuid)").bind(0, alert).bind(1, ruleId)
                .then().block(Duration.ofSeconds(5));
        db.sql("""
                        INSERT INTO delivery (delivery_id, alert_id, rule_id, subscription_id, status, attempts)
                        VALUES ($1, $2, $3::uuid, $4::uuid, 'delivered', 1)""")
                .bind(0, delivery).bind(1, alert).bind(2, ruleId).bind(3, subscriptionId)
                .then().block(Duration.ofSeconds(5));
        db.sql("INSERT INTO delivery_attempt (delivery_id, attempt, outcome, status) VALUES ($1, 1, 'delivered', 200)")
                .bind(0, delivery).then().block(Duration.ofSeconds(5));
        return alert;
    }

    private long count(String sql, UUID id) {
        return db.sql(sql).bind(0, id).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }
}

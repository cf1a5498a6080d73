package io.stockflow.notification.channel;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.stockflow.common.json.StockflowJson;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sender against a real server recording the exact requests (GreenMail for SMTP). */
class ChannelSendersTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private RecordingHttpServer server;
    private final UUID deliveryId = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    private final Message message = new Message(deliveryId, "[CRITICAL] Stockout risk of P1 at S1",
            "forecast demand exceeds available stock", Map.of("alert_id", "a-1", "available", 12.5));

    @BeforeEach
    void start() throws Exception {
        server = RecordingHttpServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private UrlGuard localOnly() {
        return new UrlGuard(List.of("127.0.0.1/32"));
    }

    @Test
    void emailCarriesRecipientSubjectBodyAndTheDeliveryId() throws Exception {
        ChannelConfig smtp = new ChannelConfig(ChannelType.EMAIL, Map.of("host", "127.0.0.1", "port",
                String.valueOf(SMTP.getSmtp().getPort()), "from", "alerts@stockflow.test"), Map.of());
        DeliveryOutcome outcome = new EmailSender(localOnly()).send(smtp, "planner@example.com", message);
        assertThat(outcome.delivered()).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("planner@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@stockflow.test");
        assertThat(mail.getSubject()).isEqualTo(message.subject());
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo(message.text());
        assertThat(mail.getHeader("X-Stockflow-Delivery-Id")[0]).isEqualTo(deliveryId.toString());

        ChannelConfig nobody = new ChannelConfig(ChannelType.EMAIL, Map.of("host", "127.0.0.1", "port", "1",
                "from", "alerts@stockflow.test"), Map.of());
        DeliveryOutcome unreachable = new EmailSender(localOnly()).send(nobody, "planner@example.com", message);
        assertThat(unreachable.delivered()).isFalse();
        assertThat(unreachable.retryable()).isTrue();
    }

    @Test
    void smsIsATwilioStyleFormPostWithBasicAuthAndAnIdempotencyToken() {
        ChannelConfig twilio = new ChannelConfig(ChannelType.SMS, Map.of("base_url", server.baseUrl(),
                "account_sid", "AC123", "from", "+15005550006"), Map.of("auth_token", "tok"));
        assertThat(new SmsSender(localOnly()).send(twilio, "+4915112345678", message).delivered()).isTrue();
        RecordingHttpServer.Recorded request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("AC123:tok".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("I-Twilio-Idempotency-Token")).isEqualTo(deliveryId.toString());
        assertThat(URLDecoder.decode(request.body(), StandardCharsets.UTF_8)).isEqualTo("To=+4915112345678"
                + "&From=+15005550006&Body=" + message.subject() + ": " + message.text());

        server.respondWith("/2010-04-01/Accounts/AC123/Messages.json", 400, 429);
        DeliveryOutcome refused = new SmsSender(localOnly()).send(twilio, "+4915112345678", message);
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(new SmsSender(localOnly()).send(twilio, "+4915112345678", message).retryable()).isTrue();
    }

    @Test
    void webhooksAreSignedOverTimestampAndBodyAndCarryTheIdempotencyId() {
        ChannelConfig hooks = new ChannelConfig(ChannelType.WEBHOOK, Map.of(), Map.of("signing_secret", "whsec"));
        assertThat(new WebhookSender(localOnly()).send(hooks, server.baseUrl() + "/in", message).delivered())
                .isTrue();
        RecordingHttpServer.Recorded request = server.requests().get(0);
        assertThat(request.header("Idempotency-Key")).isEqualTo(deliveryId.toString());
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        String signature = request.header("X-Stockflow-Signature");
        assertThat(signature).startsWith("t=" + request.header("X-Stockflow-Timestamp") + ",v1=");
        JsonNode body = StockflowJson.mapper().readTree(request.body());
        assertThat(body.get("id").asString()).isEqualTo(deliveryId.toString());
        assertThat(body.get("data").get("available").asDouble()).isEqualTo(12.5);

        Instant now = Instant.now();
        assertThat(WebhookSignature.verify("whsec", signature, request.body(), now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("other", signature, request.body(), now, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("whsec", signature, request.body().replace("12.5", "99"), now,
                Duration.ofMinutes(5))).isFalse();
        // A captured request replayed ten minutes later is too old.
        assertThat(WebhookSignature.verify("whsec", signature, request.body(), now.plusSeconds(600),
                Duration.ofMinutes(5))).isFalse();

        server.respondWith("/in", 503, 410);
        assertThat(new WebhookSender(localOnly()).send(hooks, server.baseUrl() + "/in", message).retryable())
                .isTrue();
        assertThat(new WebhookSender(localOnly()).send(hooks, server.baseUrl() + "/in", message).retryable())
                .isFalse();
    }

    /** HMAC-SHA256 of "1700000000.{}" under "secret", computed with Python's hmac module. */
    @Test
    void theSignatureIsTheHmacOfTimestampDotBody() {
        assertThat(WebhookSignature.header("secret", 1_700_000_000L, "{}")).isEqualTo("t=1700000000,v1="
                + "b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163");
    }

    @Test
    void aWebhookThatResolvesPrivatelyIsRefusedAtSendTimeWithoutARequest() {
        ChannelConfig hooks = new ChannelConfig(ChannelType.WEBHOOK, Map.of(), Map.of("signing_secret", "whsec"));
        DeliveryOutcome refused = new WebhookSender(new UrlGuard(List.of()))
                .send(hooks, server.baseUrl() + "/in", message);
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.detail()).contains("127.0.0.1");
        assertThat(server.requests()).isEmpty();
    }

    /** An SMS API at an internal address is not called; the refusal is permanent. */
    @Test
    void aProviderEndpointThatIsInternalIsRefusedAtSendTime() {
        ChannelConfig internal = new ChannelConfig(ChannelType.SMS, Map.of("base_url",
                server.baseUrl().replace("http:", "https:"), "account_sid", "AC1", "from", "+15005550006"),
                Map.of("auth_token", "t"));

        DeliveryOutcome refused = new SmsSender(new UrlGuard(List.of())).send(internal, "+4915112345678", message);

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.detail()).startsWith("refused: ").contains("127.0.0.1");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anSmtpRelayThatIsInternalIsRefusedAtSendTime() {
        ChannelConfig relay = new ChannelConfig(ChannelType.EMAIL, Map.of("host", "127.0.0.1", "port",
                String.valueOf(SMTP.getSmtp().getPort()), "from", "alerts@stockflow.test"), Map.of());

        DeliveryOutcome refused = new EmailSender(new UrlGuard(List.of())).send(relay, "planner@example.com", message);

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.detail()).startsWith("refused: ").contains("127.0.0.1");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    /** Jakarta Mail connects through the guard's socket factory: a relay name only the guard knows is reached. */
    @Test
    void theSmtpClientConnectsToTheAddressTheGuardResolved() throws Exception {
        UrlGuard guard = new UrlGuard(List.of("127.0.0.1/32"),
                host -> new java.net.InetAddress[]{java.net.InetAddress.getByName("127.0.0.1")});
        ChannelConfig relay = new ChannelConfig(ChannelType.EMAIL, Map.of("host", "relay.stockflow.test", "port",
                String.valueOf(SMTP.getSmtp().getPort()), "from", "alerts@stockflow.test"), Map.of());

        DeliveryOutcome outcome = new EmailSender(guard).send(relay, "planner@example.com", message);

        assertThat(outcome.delivered()).as(outcome.detail()).isTrue();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    /** The relay's name rebinds to loopback after it was saved: the connection is refused, nothing is sent. */
    @Test
    void anSmtpRelayThatRebindsToLoopbackIsRefusedWhenConnecting() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        UrlGuard rebinding = new UrlGuard(List.of(), host -> new java.net.InetAddress[]{lookups.getAndIncrement() == 0
                ? java.net.InetAddress.getByName("93.184.216.34") : java.net.InetAddress.getByName("127.0.0.1")});
        Map<String, String> settings = Map.of("host", "relay.stockflow.test", "port",
                String.valueOf(SMTP.getSmtp().getPort()), "from", "alerts@stockflow.test");
        assertThat(ChannelEndpoints.refusals(rebinding, ChannelType.EMAIL, settings)).isEmpty(); // when saved

        DeliveryOutcome refused = new EmailSender(rebinding).send(new ChannelConfig(ChannelType.EMAIL, settings,
                Map.of()), "planner@example.com", message);

        assertThat(lookups.get()).isEqualTo(2);
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.detail()).startsWith("refused: ").contains("127.0.0.1");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    /**
     * DNS rebinding: the name answers a public address when checked, then loopback. The connection must use the
     * checked answer or be refused — never reach the internal address.
     */
    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsRefusedWhenConnecting() throws Exception {
        ChannelConfig hooks = new ChannelConfig(ChannelType.WEBHOOK, Map.of(), Map.of("signing_secret", "whsec"));
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        UrlGuard rebinding = new UrlGuard(List.of(), host -> new java.net.InetAddress[]{lookups.getAndIncrement() == 0
                ? java.net.InetAddress.getByName("93.184.216.34") : java.net.InetAddress.getByName("127.0.0.1")});
        String url = "http://rebind.stockflow.test:" + java.net.URI.create(server.baseUrl()).getPort() + "/in";
        assertThat(rebinding.refusal(url)).isEmpty(); // as when the subscription was saved

        DeliveryOutcome refused = new WebhookSender(rebinding).send(hooks, url, message);

        assertThat(lookups.get()).isGreaterThanOrEqualTo(2);
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.detail()).contains("refused").contains("127.0.0.1");
        assertThat(server.requests()).isEmpty();
    }

    /** The client connects through the guard's resolver: a name only it knows reaches the allowed sink. */
    @Test
    void theWebhookClientConnectsToTheAddressesTheGuardResolved() throws Exception {
        ChannelConfig hooks = new ChannelConfig(ChannelType.WEBHOOK, Map.of(), Map.of("signing_secret", "whsec"));
        UrlGuard guard = new UrlGuard(List.of("127.0.0.1/32"),
                host -> new java.net.InetAddress[]{java.net.InetAddress.getByName("127.0.0.1")});
        String url = "http://sink.stockflow.test:" + java.net.URI.create(server.baseUrl()).getPort() + "/in";

        assertThat(new WebhookSender(guard).send(hooks, url, message).delivered()).isTrue();
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).header("Host")).startsWith("sink.stockflow.test");
    }

    @Test
    void pushGetsAServiceAccountTokenOnceAndSendsTheFcmV1Shape() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        server.answerBody("/token", "{\"access_token\":\"ya29.token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        ChannelConfig fcm = new ChannelConfig(ChannelType.PUSH, Map.of("project_id", "stockflow-test",
                "client_email", "push@stockflow-test.iam.gserviceaccount.com", "endpoint", server.baseUrl(),
                "token_uri", server.baseUrl() + "/token"), Map.of("private_key", pem));
        PushSender sender = new PushSender(localOnly());
        assertThat(sender.send(fcm, "device-token-1", message).delivered()).isTrue();
        assertThat(sender.send(fcm, "device-token-2", message).delivered()).isTrue();

        List<RecordingHttpServer.Recorded> tokenRequests = server.requests().stream()
                .filter(r -> r.path().equals("/token")).toList();
        assertThat(tokenRequests).hasSize(1);
        String form = URLDecoder.decode(tokenRequests.get(0).body(), StandardCharsets.UTF_8);
        assertThat(form).startsWith("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=");
        Claims claims = Jwts.parser().verifyWith(keys.getPublic()).build()
                .parseSignedClaims(form.substring(form.indexOf("assertion=") + 10)).getPayload();
        assertThat(claims.getIssuer()).isEqualTo("push@stockflow-test.iam.gserviceaccount.com");
        assertThat(claims.getAudience()).containsExactly(server.baseUrl() + "/token");
        assertThat(claims.get("scope", String.class)).isEqualTo(PushSender.SCOPE);

        List<RecordingHttpServer.Recorded> sends = server.requests().stream()
                .filter(r -> r.path().equals("/v1/projects/stockflow-test/messages:send")).toList();
        assertThat(sends).hasSize(2);
        assertThat(sends.get(0).header("Authorization")).isEqualTo("Bearer ya29.token");
        JsonNode body = StockflowJson.mapper().readTree(sends.get(0).body()).get("message");
        assertThat(body.get("token").asString()).isEqualTo("device-token-1");
        assertThat(body.get("notification").get("title").asString()).isEqualTo(message.subject());
        assertThat(body.get("data").get("available").asString()).isEqualTo("12.5");
        assertThat(body.get("data").get("delivery_id").asString()).isEqualTo(deliveryId.toString());

        server.respondWith("/v1/projects/stockflow-test/messages:send", 404);
        assertThat(sender.send(fcm, "gone", message).retryable()).isFalse();
    }
}

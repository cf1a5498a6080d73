package io.stockflow.notification.channel;

import io.jsonwebtoken.Jwts;
import io.stockflow.common.json.StockflowJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push through Firebase Cloud Messaging's HTTP v1 API: {@code POST {endpoint}/v1/projects/{project_id}/messages:send}
 * with {@code {"message": {"token": <device token>, "notification": {"title", "body"}, "data": {…strings}}}} and an
 * OAuth 2 access token of a Google service account: a JWT (RS256; iss = client_email, scope firebase.messaging,
 * aud = token_uri, one hour) exchanged at {@code token_uri} for a bearer token, cached until a minute before it
 * expires. Settings: {@code project_id}, {@code client_email}, {@code endpoint} (default
 * {@code https://fcm.googleapis.com}), {@code token_uri} (default {@code https://oauth2.googleapis.com/token});
 * secret: {@code private_key} (PKCS#8 PEM, as in the service account's JSON key).
 */
public class PushSender implements ChannelSender {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final Clock clock;
    private final JsonMapper json = StockflowJson.mapper();
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    private final GuardedHttpClient http;

    public PushSender(UrlGuard guard) {
        this(guard, Clock.systemUTC());
    }

    PushSender(UrlGuard guard, Clock clock) {
        this.http = new GuardedHttpClient(guard);
        this.clock = clock;
    }

    private record AccessToken(String value, Instant refreshAt) {
    }

    @Override
    public ChannelType type() {
        return ChannelType.PUSH;
    }

    @Override
    public DeliveryOutcome send(ChannelConfig channel, String address, Message message) {
        String token;
        try {
            token = accessToken(channel);
        } catch (GeneralSecurityException | IllegalArgumentException badKey) {
            return DeliveryOutcome.permanent("the service account's private_key cannot sign: " + badKey.getMessage());
        } catch (TokenRefused refused) {
            return refused.outcome;
        }
        Map<String, String> data = new LinkedHashMap<>();
        message.data().forEach((key, value) -> data.put(key, value == null ? "" : value instanceof String text
                ? text : json.writeValueAsString(value)));
        data.put("delivery_id", message.deliveryId().toString());
        String body = json.writeValueAsString(Map.of("message", Map.of("token", address,
                "notification", Map.of("title", message.subject(), "body", message.text()), "data", data)));
        DeliveryOutcome outcome = http.exchange(channel.setting("endpoint", "https://fcm.googleapis.com")
                        + "/v1/projects/" + channel.setting("project_id", "") + "/messages:send",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token), body);
        if (outcome.status() != null && outcome.status() == 401) {
            tokens.remove(cacheKey(channel));
            return new DeliveryOutcome(false, true, 401, outcome.detail());
        }
        return outcome;
    }

    private static final class TokenRefused extends Exception {
        private final transient DeliveryOutcome outcome;

        TokenRefused(DeliveryOutcome outcome) {
            super(outcome.detail(), null, false, false);
            this.outcome = outcome;
        }
    }

    private String accessToken(ChannelConfig channel) throws GeneralSecurityException, TokenRefused {
        String key = cacheKey(channel);
        AccessToken cached = tokens.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return cached.value();
        }
        String tokenUri = channel.setting("token_uri", "https://oauth2.googleapis.com/token");
        String assertion = Jwts.builder().issuer(channel.setting("client_email", null)).claim("scope", SCOPE)
                .audience().add(tokenUri).and().issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(3600)))
                .signWith(privateKey(channel.secret("private_key")), Jwts.SIG.RS256).compact();
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                StandardCharsets.UTF_8) + "&assertion=" + assertion;
        try {
            GuardedHttpClient.Answer response = http.post(tokenUri,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
            if (response.status() != 200) {
                DeliveryOutcome failed = DeliveryOutcome.ofHttp(response.status(), response.body());
                throw new TokenRefused(new DeliveryOutcome(false, failed.retryable(), failed.status(),
                        "token endpoint: " + failed.detail()));
            }
            JsonNode answer = json.readTree(response.body());
            long expiresIn = answer.path("expires_in").asLong(3600);
            AccessToken fresh = new AccessToken(answer.path("access_token").asString(),
                    now.plus(Duration.ofSeconds(Math.max(0, expiresIn - 60))));
            tokens.put(key, fresh);
            return fresh.value();
        } catch (UrlGuard.RefusedTarget refused) {
            throw new TokenRefused(DeliveryOutcome.permanent("refused: token endpoint: " + refused.getMessage()));
        } catch (IOException e) {
            throw new TokenRefused(DeliveryOutcome.retryable("token endpoint: " + e.getMessage()));
        }
    }

    private static String cacheKey(ChannelConfig channel) {
        return channel.setting("token_uri", "") + "|" + channel.setting("client_email", "");
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (pem == null) {
            throw new IllegalArgumentException("no private_key");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(base64)));
    }
}

package io.stockflow.notification.channel;

import io.r2dbc.spi.Readable;
import io.stockflow.common.security.SecretSealer;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Channels and subscriptions in PostgreSQL. A channel's secrets are written, merged key by key (a secret left out of
 * an update keeps its value), and read only by the senders — {@link StoredChannel#secretNames()} is all the API sees.
 * With a key-encryption key they are sealed at rest (AES-GCM, the channel id as associated data).
 */
public class ChannelRepository {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private static final String SEALED = "sealed:";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final SecretSealer sealer;

    /** @param sealer null to store secrets unsealed (local runs) */
    public ChannelRepository(DatabaseClient db, JsonMapper json, SecretSealer sealer) {
        this.db = db;
        this.json = json;
        this.sealer = sealer;
    }

    /** A channel with its secrets: for senders, never for the API. */
    public record StoredChannel(UUID channelId, String name, ChannelType type, Map<String, String> settings,
                                Map<String, String> secrets, Instant createdAt, Instant updatedAt) {

        public java.util.Set<String> secretNames() {
            return new java.util.TreeSet<>(secrets.keySet());
        }

        public ChannelConfig config() {
            return new ChannelConfig(type, settings, secrets);
        }
    }

    public record Subscription(UUID subscriptionId, String name, UUID channelId, String address, boolean enabled,
                               Instant createdAt) {
    }

    public Mono<StoredChannel> saveChannel(UUID id, String name, ChannelType type, Map<String, String> settings,
                                           Map<String, String> secrets) {
        return channel(id).map(existing -> existing.secrets()).defaultIfEmpty(Map.of()).flatMap(before -> {
            Map<String, String> merged = new HashMap<>(before);
            merged.putAll(secrets);
            return db.sql("""
                            INSERT INTO channel (channel_id, name, type, settings, secrets)
                            VALUES ($1, $2, $3, $4::jsonb, $5)
                            ON CONFLICT (channel_id) DO UPDATE SET name = excluded.name, type = excluded.type,
                                settings = excluded.settings, secrets = excluded.secrets, updated_at = now()""")
                    .bind(0, id).bind(1, name).bind(2, type.name()).bind(3, json.writeValueAsString(settings))
                    .bind(4, seal(id, json.writeValueAsString(merged))).then().then(channel(id));
        });
    }

    public Mono<StoredChannel> channel(UUID id) {
        return db.sql("SELECT channel_id, name, type, settings::text AS settings, secrets::text AS secrets, "
                + "created_at, updated_at FROM channel WHERE channel_id = $1").bind(0, id).map(this::channelOf).one();
    }

    /** The channels of these ids that exist, by id, secrets unsealed: one query for a batch of deliveries. */
    public Mono<Map<UUID, StoredChannel>> channels(Collection<UUID> ids) {
        return db.sql("SELECT channel_id, name, type, settings::text AS settings, secrets::text AS secrets, "
                        + "created_at, updated_at FROM channel WHERE channel_id = ANY($1)")
                .bind(0, ids.stream().distinct().toArray(UUID[]::new)).map(this::channelOf).all()
                .collectMap(StoredChannel::channelId);
    }

    public Mono<Boolean> nameTaken(String name, UUID except) {
        return db.sql("SELECT count(*) AS n FROM channel WHERE name = $1 AND channel_id <> $2").bind(0, name)
                .bind(1, except).map(row -> row.get("n", Long.class) > 0).one();
    }

    public Flux<StoredChannel> channels() {
        return db.sql("SELECT channel_id, name, type, settings::text AS settings, secrets::text AS secrets, "
                + "created_at, updated_at FROM channel ORDER BY name").map(this::channelOf).all();
    }

    /** @return false when subscriptions still use it */
    public Mono<Boolean> deleteChannel(UUID id) {
        return db.sql("DELETE FROM channel WHERE channel_id = $1 AND NOT EXISTS ("
                        + "SELECT 1 FROM subscription WHERE channel_id = $1)")
                .bind(0, id).fetch().rowsUpdated().map(deleted -> deleted > 0);
    }

    public Mono<Subscription> saveSubscription(UUID id, String name, UUID channelId, String address,
                                               boolean enabled) {
        return db.sql("""
                        INSERT INTO subscription (subscription_id, name, channel_id, address, enabled)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (subscription_id) DO UPDATE SET name = excluded.name,
                            channel_id = excluded.channel_id, address = excluded.address, enabled = excluded.enabled""")
                .bind(0, id).bind(1, name).bind(2, channelId).bind(3, address).bind(4, enabled)
                .then().then(subscription(id));
    }

    public Mono<Subscription> subscription(UUID id) {
        return db.sql("SELECT * FROM subscription WHERE subscription_id = $1").bind(0, id)
                .map(ChannelRepository::subscriptionOf).one();
    }

    /** The subscriptions of these ids that exist, by id (rules check the ones they name, deliveries their own). */
    public Mono<Map<UUID, Subscription>> subscriptions(Collection<UUID> ids) {
        return db.sql("SELECT * FROM subscription WHERE subscription_id = ANY($1)")
                .bind(0, ids.stream().distinct().toArray(UUID[]::new)).map(ChannelRepository::subscriptionOf).all()
                .collectMap(Subscription::subscriptionId);
    }

    public Flux<Subscription> subscriptions() {
        return db.sql("SELECT * FROM subscription ORDER BY created_at, subscription_id")
                .map(ChannelRepository::subscriptionOf).all();
    }

    /** Disables instead of deleting when deliveries refer to it (their log keeps the address). */
    public Mono<String> deleteSubscription(UUID id) {
        return db.sql("""
                        DELETE FROM subscription WHERE subscription_id = $1
                          AND NOT EXISTS (SELECT 1 FROM delivery WHERE subscription_id = $1)""")
                .bind(0, id).fetch().rowsUpdated().flatMap(deleted -> deleted > 0 ? Mono.just("deleted")
                        : db.sql("UPDATE subscription SET enabled = false WHERE subscription_id = $1").bind(0, id)
                        .fetch().rowsUpdated().map(updated -> updated > 0 ? "disabled" : "missing"));
    }

    private StoredChannel channelOf(Readable row) {
        UUID id = row.get("channel_id", UUID.class);
        return new StoredChannel(id, row.get("name", String.class),
                ChannelType.valueOf(row.get("type", String.class)),
                json.readValue(row.get("settings", String.class), STRINGS),
                json.readValue(open(id, row.get("secrets", String.class)), STRINGS),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    private String seal(UUID channel, String secrets) {
        return sealer == null ? secrets : SEALED + Base64.getEncoder().encodeToString(sealer.seal(channel.toString(),
                secrets.getBytes(StandardCharsets.UTF_8)));
    }

    private String open(UUID channel, String stored) {
        if (!stored.startsWith(SEALED)) {
            return stored;
        }
        if (sealer == null) {
            throw new IllegalStateException("channel " + channel + " has sealed secrets but no key-encryption key "
                    + "is configured (STOCKFLOW_KEY_ENCRYPTION_KEY)");
        }
        try {
            return new String(sealer.open(channel.toString(), Base64.getDecoder().decode(
                    stored.substring(SEALED.length()))), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secrets of channel " + channel + " do not open with this key", e);
        }
    }

    private static Subscription subscriptionOf(Readable row) {
        return new Subscription(row.get("subscription_id", UUID.class), row.get("name", String.class),
                row.get("channel_id", UUID.class), row.get("address", String.class),
                row.get("enabled", Boolean.class), row.get("created_at", Instant.class));
    }
}

package io.stockflow.ingestion.dedup;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Exactly-once intake of lines, keyed by (transaction id, line number), in Redis. A line is first claimed as
 * pending (short TTL), published, then confirmed as done (retention TTL) once Kafka acknowledged it, or released
 * if Kafka refused it. The claim remembers which attempt (one run of a request) and row took it, so a repeat
 * inside one request is told apart from a line an earlier request ingested. It names the attempt, never the
 * batch: a retry of a request reuses its batch id (a transaction's own id, or the one derived from its
 * Idempotency-Key), and a line its earlier attempt ingested is a duplicate, not a repeat. Claiming a line also
 * checks and advances its series' watermark (the latest transaction time seen for store|product, shared by all
 * replicas): a claimed line older than it arrived out of order. One Lua call per chunk keeps both to one round trip.
 */
public class LineClaims {

    private static final String WATERMARKS = "sf:ingest:watermarks";
    /** KEYS: line keys, then the watermark hash; ARGV: pending TTL, then per line: claim value, series, epoch ms. */
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local lines = #KEYS - 1
            local out = {}
            for i = 1, lines do
              local at = 2 + (i - 1) * 3
              if redis.call('SET', KEYS[i], ARGV[at], 'NX', 'EX', ARGV[1]) then
                local seen = tonumber(redis.call('HGET', KEYS[lines + 1], ARGV[at + 1]))
                if seen and tonumber(ARGV[at + 2]) < seen then
                  out[i] = '1'
                else
                  redis.call('HSET', KEYS[lines + 1], ARGV[at + 1], ARGV[at + 2])
                  out[i] = '0'
                end
              else
                out[i] = redis.call('GET', KEYS[i]) or '?'
              end
            end
            return out
            """, List.class);
    private static final RedisScript<Long> CONFIRM = RedisScript.of("""
            for i, key in ipairs(KEYS) do
              redis.call('SET', key, ARGV[i + 1], 'EX', ARGV[1])
            end
            return #KEYS
            """, Long.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local n = 0
            for i, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[i] then
                n = n + redis.call('DEL', key)
              end
            end
            return n
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration pendingTtl;
    private final Duration retention;

    public LineClaims(ReactiveStringRedisTemplate redis, Duration pendingTtl, Duration retention) {
        this.redis = redis;
        this.pendingTtl = pendingTtl;
        this.retention = retention;
    }

    /** A line to claim: its identity, its row in the request, and its series and time for the watermark. */
    public record LineRef(String transactionId, int lineNumber, long row, String seriesKey, Instant timestamp) {
        String key() {
            return "sf:ingest:line:" + transactionId + ":" + lineNumber;
        }
    }

    public sealed interface Claim {
        /** This request owns the line; {@code outOfOrder} when its series had already seen a later time. */
        record Claimed(boolean outOfOrder) implements Claim {
        }

        /** Ingested by an earlier request. */
        record AlreadyIngested() implements Claim {
        }

        /** Same transaction id and line number as an earlier row of this very attempt. */
        record RepeatedInRequest(long firstRow) implements Claim {
        }

        /** Another request is publishing it right now; a retry will tell. */
        record InFlight() implements Claim {
        }
    }

    /** @param attemptId names this run of the request; unique per run, so never a batch id */
    public List<Claim> claim(String attemptId, List<LineRef> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(lines.size() + 1);
        List<String> args = new ArrayList<>(lines.size() * 3 + 1);
        args.add(Long.toString(pendingTtl.toSeconds()));
        for (LineRef line : lines) {
            keys.add(line.key());
            args.add(value('p', attemptId, line.row()));
            args.add(line.seriesKey());
            args.add(Long.toString(line.timestamp().toEpochMilli()));
        }
        keys.add(WATERMARKS);
        List<?> existing = redis.execute(CLAIM, keys, args).next().block();
        List<Claim> claims = new ArrayList<>(lines.size());
        for (Object value : existing) {
            claims.add(interpret(attemptId, value.toString()));
        }
        return claims;
    }

    public void confirm(String attemptId, List<LineRef> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(lines.size() + 1);
        args.add(Long.toString(retention.toSeconds()));
        lines.forEach(line -> args.add(value('d', attemptId, line.row())));
        redis.execute(CONFIRM, lines.stream().map(LineRef::key).toList(), args).next().block();
    }

    public void release(String attemptId, List<LineRef> lines) {
        if (lines.isEmpty()) {
            return;
        }
        redis.execute(RELEASE, lines.stream().map(LineRef::key).toList(),
                lines.stream().map(line -> value('p', attemptId, line.row())).toList()).next().block();
    }

    private static String value(char state, String attemptId, long row) {
        return state + ":" + attemptId + ":" + row;
    }

    /** Claims written before attempts were named ({@code <state>:<batch id>:<row>}) read as earlier requests'. */
    private static Claim interpret(String attemptId, String existing) {
        if (existing.equals("0") || existing.equals("1")) {
            return new Claim.Claimed(existing.equals("1"));
        }
        String[] parts = existing.split(":", 3);
        if (parts.length == 3 && parts[1].equals(attemptId)) {
            return new Claim.RepeatedInRequest(Long.parseLong(parts[2]));
        }
        return parts[0].equals("d") ? new Claim.AlreadyIngested() : new Claim.InFlight();
    }
}

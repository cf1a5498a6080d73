package io.stockflow.ingestion.dedup;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Exactly-once intake of lines, keyed by (transaction id, line number), in Redis. A line is first claimed as
 * pending (short TTL), published, then confirmed as done (retention TTL) once Kafka acknowledged it, or released
 * if Kafka refused it. The claim remembers which batch and row took it, so a repeat inside one batch is told
 * apart from a retry of an earlier request. One Lua call per chunk keeps it to one round trip.
 */
public class LineClaims {

    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local out = {}
            for i, key in ipairs(KEYS) do
              if redis.call('SET', key, ARGV[i + 1], 'NX', 'EX', ARGV[1]) then
                out[i] = ''
              else
                out[i] = redis.call('GET', key) or '?'
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

    public record LineRef(String transactionId, int lineNumber, long row) {
        String key() {
            return "sf:ingest:line:" + transactionId + ":" + lineNumber;
        }
    }

    public sealed interface Claim {
        record Claimed() implements Claim {
        }

        /** Ingested by an earlier request. */
        record AlreadyIngested() implements Claim {
        }

        /** Same transaction id and line number as an earlier row of this batch. */
        record RepeatedInBatch(long firstRow) implements Claim {
        }

        /** Another request is publishing it right now; a retry will tell. */
        record InFlight() implements Claim {
        }
    }

    public List<Claim> claim(String batchId, List<LineRef> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(lines.size());
        List<String> args = new ArrayList<>(lines.size() + 1);
        args.add(Long.toString(pendingTtl.toSeconds()));
        for (LineRef line : lines) {
            keys.add(line.key());
            args.add(value('p', batchId, line.row()));
        }
        List<?> existing = redis.execute(CLAIM, keys, args).next().block();
        List<Claim> claims = new ArrayList<>(lines.size());
        for (Object value : existing) {
            claims.add(interpret(batchId, value.toString()));
        }
        return claims;
    }

    public void confirm(String batchId, List<LineRef> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(lines.size() + 1);
        args.add(Long.toString(retention.toSeconds()));
        lines.forEach(line -> args.add(value('d', batchId, line.row())));
        redis.execute(CONFIRM, lines.stream().map(LineRef::key).toList(), args).next().block();
    }

    public void release(String batchId, List<LineRef> lines) {
        if (lines.isEmpty()) {
            return;
        }
        redis.execute(RELEASE, lines.stream().map(LineRef::key).toList(),
                lines.stream().map(line -> value('p', batchId, line.row())).toList()).next().block();
    }

    private static String value(char state, String batchId, long row) {
        return state + ":" + batchId + ":" + row;
    }

    private static Claim interpret(String batchId, String existing) {
        if (existing.isEmpty()) {
            return new Claim.Claimed();
        }
        String[] parts = existing.split(":", 3);
        if (parts.length == 3 && parts[1].equals(batchId)) {
            return new Claim.RepeatedInBatch(Long.parseLong(parts[2]));
        }
        return parts[0].equals("d") ? new Claim.AlreadyIngested() : new Claim.InFlight();
    }
}

package io.stockflow.ingestion.dedup;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest transaction time seen per series (store|product), shared by all replicas in one Redis hash. A line
 * older than its series' watermark arrived out of order; the check and the advance happen atomically per chunk.
 */
public class SeriesWatermarks {

    private static final String HASH = "sf:ingest:watermarks";
    private static final RedisScript<List> ADVANCE = RedisScript.of("""
            local out = {}
            for i = 1, #ARGV, 2 do
              local ts = tonumber(ARGV[i + 1])
              local seen = tonumber(redis.call('HGET', KEYS[1], ARGV[i]))
              if seen and ts < seen then
                out[#out + 1] = 1
              else
                redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
                out[#out + 1] = 0
              end
            end
            return out
            """, List.class);

    private final ReactiveStringRedisTemplate redis;

    public SeriesWatermarks(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    public record Observation(String seriesKey, Instant timestamp) {
    }

    /** @return for each observation, in order: whether it is older than what its series had already seen */
    public List<Boolean> advance(List<Observation> observations) {
        if (observations.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(observations.size() * 2);
        for (Observation o : observations) {
            args.add(o.seriesKey());
            args.add(Long.toString(o.timestamp().toEpochMilli()));
        }
        List<?> flags = redis.execute(ADVANCE, List.of(HASH), args).next().block();
        return flags.stream().map(f -> ((Number) f).longValue() == 1L).toList();
    }
}

package io.stockflow.forecasting.training;

import io.r2dbc.spi.Readable;
import io.stockflow.common.series.SeriesKey;
import io.stockflow.common.web.Problems;
import io.stockflow.forecasting.learned.GlobalModelSpec;
import io.stockflow.forecasting.segment.Segmentation;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The model registry in PostgreSQL: model versions and, per version, each series' fit summary. */
public class ModelRegistry {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, model, status, requested_by, parameters::text AS parameters, series_total, series_done,
            series_failed, training_from, training_to, metrics::text AS metrics, artifact_path, artifact_sha256,
            artifact_bytes, error, started_at, finished_at, stage""";

    private static final String LEARNED_COLUMNS = """
            l.name, l.role, l.spec::text AS spec, l.training::text AS training, l.artifact_path, \
            l.artifact_sha256, l.artifact_bytes""";

    private final DatabaseClient db;
    private final JsonMapper json;

    public ModelRegistry(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Registers a running version; refused (409) while another run is going. */
    public Mono<Long> start(String model, String requestedBy, Map<String, Object> parameters) {
        return db.sql("""
                        INSERT INTO model_version (model, status, requested_by, parameters)
                        VALUES ($1, 'running', $2, $3::jsonb) RETURNING id""")
                .bind(0, model).bind(1, requestedBy).bind(2, json.writeValueAsString(parameters))
                .map(row -> row.get("id", Long.class))
                .one()
                .onErrorMap(DataIntegrityViolationException.class, busy -> Problems.exception(HttpStatus.CONFLICT,
                        "training-running", "A training run is in progress",
                        "Only one training run at a time: wait for the running one (GET /api/ml/models?status=running)"));
    }

    public Mono<Void> progress(long version, int total, int done, int failed) {
        return db.sql("UPDATE model_version SET series_total = $2, series_done = $3, series_failed = $4 WHERE id = $1")
                .bind(0, version).bind(1, total).bind(2, done).bind(3, failed)
                .then();
    }

    public Mono<Void> succeed(long version, LocalDate from, LocalDate to, Map<String, Object> metrics,
                              ModelVersion.Artifact artifact) {
        return span(version, from, to).then(db.sql("""
                        UPDATE model_version SET status = 'succeeded', metrics = $2::jsonb, artifact_path = $3,
                            artifact_sha256 = $4, artifact_bytes = $5, finished_at = now()
                        WHERE id = $1""")
                .bind(0, version).bind(1, json.writeValueAsString(metrics)).bind(2, artifact.path())
                .bind(3, artifact.sha256()).bind(4, artifact.bytes())
                .then());
    }

    private Mono<Void> span(long version, LocalDate from, LocalDate to) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                "UPDATE model_version SET training_from = $2, training_to = $3 WHERE id = $1").bind(0, version);
        spec = from == null ? spec.bindNull(1, LocalDate.class) : spec.bind(1, from);
        spec = to == null ? spec.bindNull(2, LocalDate.class) : spec.bind(2, to);
        return spec.then();
    }

    public Mono<Void> fail(long version, String error) {
        return db.sql("UPDATE model_version SET status = 'failed', error = $2, finished_at = now() WHERE id = $1")
                .bind(0, version).bind(1, error)
                .then();
    }

    /** A run cut off by a restart never finishes: mark it failed so that the next can start. */
    public Mono<Long> failInterrupted() {
        return db.sql("""
                        UPDATE model_version SET status = 'failed', error = 'interrupted by a restart of the service',
                            finished_at = now()
                        WHERE status = 'running'""")
                .fetch().rowsUpdated();
    }

    public Mono<ModelVersion> get(long version) {
        return db.sql("SELECT " + COLUMNS + " FROM model_version WHERE id = $1").bind(0, version)
                .map(this::version).all().transform(this::withLearnedModels).next();
    }

    /** The newest version that finished, optionally of one model. */
    public Mono<ModelVersion> latestSucceeded() {
        return db.sql("SELECT " + COLUMNS + " FROM model_version WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1")
                .map(this::version).one();
    }

    public Flux<ModelVersion> list(String status, int limit) {
        DatabaseClient.GenericExecuteSpec query = status == null
                ? db.sql("SELECT " + COLUMNS + " FROM model_version ORDER BY id DESC LIMIT $1").bind(0, limit)
                : db.sql("SELECT " + COLUMNS + " FROM model_version WHERE status = $2 ORDER BY id DESC LIMIT $1")
                        .bind(0, limit).bind(1, status);
        return query.map(this::version).all().transform(this::withLearnedModels);
    }

    /** Stores the fit summaries of a chunk of series. */
    public Mono<Void> saveFits(long version, List<SeriesFitSummary> fits) {
        if (fits.isEmpty()) {
            return Mono.empty();
        }
        int n = fits.size();
        String[] stores = new String[n];
        String[] products = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        String[] patterns = new String[n];
        Double[] scales = new Double[n];
        String[] members = new String[n];
        String[] backtests = new String[n];
        String[] notes = new String[n];
        for (int i = 0; i < n; i++) {
            SeriesFitSummary fit = fits.get(i);
            stores[i] = fit.storeId();
            products[i] = fit.productId();
            froms[i] = fit.historyFrom().toString();
            tos[i] = fit.historyTo().toString();
            patterns[i] = fit.demandPattern();
            scales[i] = Double.isFinite(fit.naiveScale()) ? fit.naiveScale() : null;
            members[i] = json.writeValueAsString(fit.members());
            backtests[i] = json.writeValueAsString(fit.backtests());
            notes[i] = fit.note();
        }
        return db.sql("""
                        INSERT INTO series_fit (model_version_id, store_id, product_id, history_from, history_to,
                                                demand_pattern, naive_scale, members, backtests, note)
                        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]::date[], $5::text[]::date[],
                                                 $6::text[], $7::float8[], $8::text[]::jsonb[], $9::text[]::jsonb[],
                                                 $10::text[])""")
                .bind(0, version).bind(1, stores).bind(2, products).bind(3, froms).bind(4, tos).bind(5, patterns)
                .bind(6, scales).bind(7, members).bind(8, backtests).bind(9, notes)
                .then();
    }

    /** Records each series' segments in a version's fits. */
    public Mono<Void> saveSegments(long version, List<SeriesKey> series, List<Segmentation.Assignment> segments) {
        if (series.isEmpty()) {
            return Mono.empty();
        }
        int n = series.size();
        String[] stores = new String[n];
        String[] products = new String[n];
        Integer[] clusters = new Integer[n];
        String[] abc = new String[n];
        String[] xyz = new String[n];
        for (int i = 0; i < n; i++) {
            stores[i] = series.get(i).storeId();
            products[i] = series.get(i).productId();
            clusters[i] = segments.get(i).cluster();
            abc[i] = String.valueOf(segments.get(i).abc());
            xyz[i] = String.valueOf(segments.get(i).xyz());
        }
        return db.sql("""
                        UPDATE series_fit f SET cluster = s.cluster, abc = s.abc, xyz = s.xyz
                        FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[])
                            AS s(store_id, product_id, cluster, abc, xyz)
                        WHERE f.model_version_id = $1 AND f.store_id = s.store_id AND f.product_id = s.product_id""")
                .bind(0, version).bind(1, stores).bind(2, products).bind(3, clusters).bind(4, abc).bind(5, xyz)
                .then();
    }

    private ModelVersion version(Readable row) {
        String path = row.get("artifact_path", String.class);
        String metrics = row.get("metrics", String.class);
        return new ModelVersion(row.get("id", Long.class), row.get("model", String.class),
                row.get("status", String.class), row.get("requested_by", String.class),
                json.readValue(row.get("parameters", String.class), OBJECT),
                row.get("series_total", Integer.class), row.get("series_done", Integer.class),
                row.get("series_failed", Integer.class), row.get("training_from", LocalDate.class),
                row.get("training_to", LocalDate.class), metrics == null ? null : json.readValue(metrics, OBJECT),
                path == null ? null : new ModelVersion.Artifact(path, row.get("artifact_sha256", String.class),
                        row.get("artifact_bytes", Long.class)),
                row.get("error", String.class), row.get("started_at", Instant.class),
                row.get("finished_at", Instant.class), row.get("stage", String.class), List.of());
    }

    /** What a run is doing now: shown with its progress. */
    public Mono<Void> stage(long version, String stage) {
        return db.sql("UPDATE model_version SET stage = $2 WHERE id = $1").bind(0, version).bind(1, stage).then();
    }

    public Mono<Void> saveLearnedModel(long version, LearnedModelRecord learned) {
        return db.sql("""
                        INSERT INTO learned_model (model_version_id, name, role, trained_through, spec, training,
                                                   artifact_path, artifact_sha256, artifact_bytes)
                        VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9)""")
                .bind(0, version).bind(1, learned.name()).bind(2, learned.role())
                .bind(3, learned.spec().trainedThrough()).bind(4, json.writeValueAsString(learned.spec()))
                .bind(5, json.writeValueAsString(learned.training())).bind(6, learned.artifact().path())
                .bind(7, learned.artifact().sha256()).bind(8, learned.artifact().bytes())
                .then();
    }

    /** Attaches their learned models to versions, with one query for all of them. */
    private Flux<ModelVersion> withLearnedModels(Flux<ModelVersion> versions) {
        return versions.collectList().flatMapMany(list -> {
            if (list.isEmpty()) {
                return Flux.empty();
            }
            Long[] ids = list.stream().map(ModelVersion::version).toArray(Long[]::new);
            return db.sql("SELECT l.model_version_id AS version, " + LEARNED_COLUMNS
                            + " FROM learned_model l WHERE l.model_version_id = ANY($1) ORDER BY l.name, l.role")
                    .bind(0, ids)
                    .map(row -> Map.entry(row.get("version", Long.class), learned(row))).all()
                    .collect(Collectors.groupingBy(Map.Entry::getKey,
                            Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                    .flatMapMany(byVersion -> Flux.fromIterable(list).map(version -> version.withLearnedModels(
                            byVersion.getOrDefault(version.version(), List.of()))));
        });
    }

    /**
     * The snapshots of each learned model from the newest successful run that trained it, keyed by that run's
     * version: what the service forecasts with after a restart.
     */
    public Flux<Map.Entry<Long, LearnedModelRecord>> latestLearnedModels() {
        return db.sql("SELECT l.model_version_id AS version, " + LEARNED_COLUMNS + """
                         FROM learned_model l JOIN model_version v ON v.id = l.model_version_id
                        WHERE v.status = 'succeeded'
                          AND l.model_version_id = (SELECT max(l2.model_version_id) FROM learned_model l2
                                                      JOIN model_version v2 ON v2.id = l2.model_version_id
                                                     WHERE v2.status = 'succeeded' AND l2.name = l.name)""")
                .map(row -> Map.entry(row.get("version", Long.class), learned(row))).all();
    }

    private LearnedModelRecord learned(Readable row) {
        return new LearnedModelRecord(row.get("name", String.class), row.get("role", String.class),
                json.readValue(row.get("spec", String.class), GlobalModelSpec.class),
                json.readValue(row.get("training", String.class), OBJECT),
                new ModelVersion.Artifact(row.get("artifact_path", String.class),
                        row.get("artifact_sha256", String.class), row.get("artifact_bytes", Long.class)));
    }
}

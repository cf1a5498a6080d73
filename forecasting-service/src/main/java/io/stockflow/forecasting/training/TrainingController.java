package io.stockflow.forecasting.training;

import io.stockflow.common.security.AuthenticatedPrincipal;
import io.stockflow.common.security.CurrentCaller;
import io.stockflow.common.web.Problems;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Set;

/** Training runs and the model registry. */
@RestController
class TrainingController {

    private static final Set<String> STATUSES = Set.of("running", "succeeded", "failed");

    private final TrainingJobs jobs;
    private final ModelRegistry registry;

    TrainingController(TrainingJobs jobs, ModelRegistry registry) {
        this.jobs = jobs;
        this.registry = registry;
    }

    /** Starts a run in the background: 202 with the new version, whose status URL tells its progress. */
    @PostMapping("/api/ml/models/train")
    Mono<ResponseEntity<ModelVersion>> train(@Valid @RequestBody(required = false) TrainingRequest request,
                                             ServerWebExchange exchange) {
        String caller = CurrentCaller.of(exchange).map(AuthenticatedPrincipal::subject).orElse(null);
        return jobs.start(request == null ? new TrainingRequest(null, null, null) : request, caller)
                .map(version -> ResponseEntity.accepted()
                        .location(URI.create("/api/ml/models/train/" + version.version())).body(version));
    }

    @GetMapping("/api/ml/models/train/{version}")
    Mono<ModelVersion> status(@PathVariable long version) {
        return version(version);
    }

    @GetMapping("/api/ml/models/{version}")
    Mono<ModelVersion> version(@PathVariable long version) {
        return registry.get(version).switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                "unknown-model-version", "Unknown model version", "No model version " + version + " is registered")));
    }

    @GetMapping("/api/ml/models")
    Flux<ModelVersion> list(@RequestParam(required = false) String status,
                            @RequestParam(defaultValue = "50") int limit) {
        if (status != null && !STATUSES.contains(status) || limit < 1 || limit > 500) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                    "status must be one of " + STATUSES + " and limit between 1 and 500");
        }
        return registry.list(status, limit);
    }
}

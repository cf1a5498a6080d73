package io.stockflow.forecasting.regressor;

import io.stockflow.common.web.ApiProblemException;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.Problems;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Named daily regressors that the regression models (the Prophet-style model) take as inputs. */
@RestController
class RegressorController {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_:.\\-]{0,63}");

    private final RegressorRepository regressors;

    RegressorController(RegressorRepository regressors) {
        this.regressors = regressors;
    }

    @PutMapping("/api/ml/regressors/{name}")
    Mono<Map<String, Object>> replace(@PathVariable String name, @Valid @RequestBody RegressorValues request) {
        List<FieldViolation> errors = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            errors.add(FieldViolation.of("name", "invalid_name", "a regressor name starts with a lower-case letter"
                    + " and has at most 64 lower-case letters, digits, '_', ':', '.' or '-'"));
        }
        Set<Object> dates = new HashSet<>();
        for (int i = 0; i < request.values().size(); i++) {
            RegressorValues.Value value = request.values().get(i);
            if (!Double.isFinite(value.value())) {
                errors.add(FieldViolation.of("values[" + i + "].value", "not_finite", "value must be finite"));
            }
            if (!dates.add(value.date())) {
                errors.add(FieldViolation.of("values[" + i + "].date", "duplicate_date", "date " + value.date()
                        + " is given twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(Problems.invalidInput("invalid regressor values", errors));
        }
        String store = request.storeId() == null ? RegressorRepository.ALL : request.storeId();
        String product = request.productId() == null ? RegressorRepository.ALL : request.productId();
        return regressors.replace(name, store, product, request.values())
                .map(days -> Map.of("name", name, "store_id", store, "product_id", product, "days", days));
    }

    @GetMapping("/api/ml/regressors")
    Flux<RegressorCoverage> list() {
        return regressors.coverage();
    }

    @DeleteMapping("/api/ml/regressors/{name}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String name) {
        return regressors.delete(name).map(deleted -> {
            if (deleted == 0) {
                throw Problems.exception(HttpStatus.NOT_FOUND, "unknown-regressor", "Unknown regressor",
                        "No values are recorded for regressor " + name);
            }
            return ResponseEntity.noContent().build();
        });
    }
}

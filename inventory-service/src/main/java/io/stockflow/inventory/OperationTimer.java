package io.stockflow.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import java.util.function.Supplier;

/**
 * Times business operations as {@code stockflow.inventory.operation{operation, outcome}}, from subscription to
 * completion (an annotation on a method returning a Mono would time only its assembly). A request refused while
 * being checked counts as an error.
 */
public class OperationTimer {

    private final MeterRegistry registry;

    public OperationTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> Mono<T> time(String operation, Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return work.get().doFinally(signal -> sample.stop(Timer.builder("stockflow.inventory.operation")
                    .description("business operations of the inventory service")
                    .tag("operation", operation)
                    .tag("outcome", signal == SignalType.ON_ERROR ? "error" : "success")
                    .register(registry)));
        });
    }
}

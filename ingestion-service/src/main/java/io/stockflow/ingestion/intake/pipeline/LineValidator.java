package io.stockflow.ingestion.intake.pipeline;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a POS line must meet to be published: the contract's constraints plus the business sanity checks
 * (known currency, no absurd price or quantity, no timestamp far in the future or the past). Every violation is
 * reported, each with a stable reason code, so a client can fix a row in one go.
 */
class LineValidator {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final Validator validator;
    private final Clock clock;
    private final BigDecimal maxUnitPrice;
    private final BigDecimal maxAbsQuantity;
    private final Duration maxFutureSkew;
    private final Duration maxAge;

    LineValidator(Validator validator, Clock clock, BigDecimal maxUnitPrice, BigDecimal maxAbsQuantity,
                         Duration maxFutureSkew, Duration maxAge) {
        this.validator = validator;
        this.clock = clock;
        this.maxUnitPrice = maxUnitPrice;
        this.maxAbsQuantity = maxAbsQuantity;
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
    }

    List<FieldViolation> validate(PosTransaction line) {
        List<FieldViolation> violations = new ArrayList<>();
        validator.validate(line).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(LineValidator::describe)
                .forEach(violations::add);
        if (line.currency() != null && line.currency().matches("[A-Z]{3}") && !CURRENCIES.contains(line.currency())) {
            violations.add(FieldViolation.of("currency", "unknown_currency",
                    "'" + line.currency() + "' is not an ISO 4217 currency code"));
        }
        if (line.unitPrice() != null && line.unitPrice().compareTo(maxUnitPrice) > 0) {
            violations.add(FieldViolation.of("unit_price", "price_out_of_range",
                    "unit price " + line.unitPrice().toPlainString() + " exceeds the limit of "
                            + maxUnitPrice.toPlainString()));
        }
        if (line.quantity() != null) {
            if (line.quantity().signum() == 0) {
                violations.add(FieldViolation.of("quantity", "zero_quantity",
                        "quantity must not be 0 (negative quantities record returns)"));
            } else if (line.quantity().abs().compareTo(maxAbsQuantity) > 0) {
                violations.add(FieldViolation.of("quantity", "quantity_out_of_range",
                        "quantity " + line.quantity().toPlainString() + " is beyond ±" + maxAbsQuantity.toPlainString()));
            }
        }
        if (line.transactionTimestamp() != null) {
            Instant now = clock.instant();
            if (line.transactionTimestamp().isAfter(now.plus(maxFutureSkew))) {
                violations.add(FieldViolation.of("transaction_timestamp", "future_timestamp",
                        "timestamp " + line.transactionTimestamp() + " is in the future (server time " + now + ")"));
            } else if (line.transactionTimestamp().isBefore(now.minus(maxAge))) {
                violations.add(FieldViolation.of("transaction_timestamp", "timestamp_too_old",
                        "timestamp " + line.transactionTimestamp() + " is older than " + maxAge.toDays() + " days"));
            }
        }
        return violations;
    }

    private static FieldViolation describe(ConstraintViolation<PosTransaction> v) {
        String property = v.getPropertyPath().iterator().next().getName();
        String field = property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        String code = switch (constraint) {
            case "NotNull", "NotBlank" -> "missing_field";
            case "DecimalMin" -> field.equals("unit_price") ? "negative_price" : "out_of_range";
            case "Digits" -> "too_precise";
            case "Size" -> "too_long";
            case "Pattern" -> field.equals("currency") ? "invalid_currency" : "invalid_format";
            default -> "invalid_value";
        };
        String message = code.equals("missing_field") ? "is required" : v.getMessage();
        return FieldViolation.of(field, code, message);
    }
}

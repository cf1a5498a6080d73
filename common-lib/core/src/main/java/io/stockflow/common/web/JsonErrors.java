package io.stockflow.common.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Map;

/** Turns Jackson's reading errors into field-level violations a client can act on. */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static FieldViolation describe(JacksonException e) {
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            return FieldViolation.of(field, "unknown_field", "unknown field '" + u.getPropertyName() + "'");
        }
        if (e instanceof InvalidFormatException f) {
            return FieldViolation.of(field, "invalid_value",
                    "'" + f.getValue() + "' is not a valid " + typeName(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return FieldViolation.of(field, "wrong_type", "expected " + typeName(m.getTargetType()));
        }
        if (e instanceof StreamReadException) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return FieldViolation.of(null, "malformed_json", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        return FieldViolation.of(field, "invalid_value", e.getOriginalMessage());
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == BigInteger.class) {
            return "integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 timestamp such as 2024-01-01T10:00:00Z";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "object";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        }
        return type.getSimpleName();
    }
}

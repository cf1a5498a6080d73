package io.stockflow.inventory;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Binding helpers: R2DBC needs the type of a null parameter. */
public final class Sql {

    private Sql() {
    }

    public static GenericExecuteSpec bind(GenericExecuteSpec spec, int index, Object value, Class<?> type) {
        return value == null ? spec.bindNull(index, type) : spec.bind(index, value);
    }
}

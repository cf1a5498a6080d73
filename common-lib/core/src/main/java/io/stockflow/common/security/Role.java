package io.stockflow.common.security;

/**
 * Who may do what in Stockflow (the README's authorization matrix). People get ADMIN, PLANNER, ANALYST or
 * VIEWER; machine clients such as POS systems get INGEST.
 */
public enum Role {
    /** Everything, including users, API keys and platform settings. */
    ADMIN,
    /** Changes policies and rules, approves purchase orders, runs training and simulations. */
    PLANNER,
    /** Reads everything, runs analyses and what-if simulations; changes nothing operational. */
    ANALYST,
    /** Reads dashboards, forecasts, stock and alerts. */
    VIEWER,
    /** Posts POS data and nothing else. */
    INGEST
}

package io.stockflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reachable PostgreSQL server and an account that may create databases. */
public record PostgresServer(String host, int port, String user, String password) {

    private static final String TEST_DATABASE_PREFIX = "sf_test_";
    /** sf_test_&lt;epoch seconds&gt;_&lt;random&gt;; names without the time are from before it was added. */
    private static final Pattern TEST_DATABASE = Pattern.compile("sf_test_(?:(\\d{10})_)?[0-9a-f]+");

    /** A fresh name for one test context's database, carrying its creation time so later runs can clear it. */
    public static String newTestDatabaseName() {
        return TEST_DATABASE_PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /**
     * Drops test databases created more than {@code age} ago (and undated ones of earlier versions), so the
     * machine's server does not collect one database per test context and run. One still in use is left alone.
     *
     * @return how many were dropped
     */
    public int dropStaleTestDatabases(Duration age) {
        long cutoff = Instant.now().minus(age).getEpochSecond();
        int dropped = 0;
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sf\\_test\\_%'")) {
                while (rs.next()) {
                    Matcher name = TEST_DATABASE.matcher(rs.getString(1));
                    if (name.matches() && (name.group(1) == null || Long.parseLong(name.group(1)) < cutoff)) {
                        stale.add(rs.getString(1));
                    }
                }
            }
            for (String database : stale) {
                try {
                    s.execute("DROP DATABASE IF EXISTS " + database);
                    dropped++;
                } catch (SQLException inUse) {
                    // another run still holds it
                }
            }
        } catch (SQLException unreachable) {
            // tidying only: the tests create their own databases either way
        }
        return dropped;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    public void createDatabase(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("unsafe database name " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + host + ":" + port, e);
        }
    }
}

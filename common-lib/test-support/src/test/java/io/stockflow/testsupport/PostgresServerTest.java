package io.stockflow.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTest {

    @Test
    void dropsTestDatabasesOlderThanTheAgeAndKeepsRecentOnes() throws Exception {
        PostgresServer server = TestInfrastructure.postgres();
        String old = "sf_test_" + Instant.now().minus(Duration.ofHours(7)).getEpochSecond() + "_deadbeef";
        String recent = PostgresServer.newTestDatabaseName();
        server.createDatabase(old);
        server.createDatabase(recent);

        assertThat(server.dropStaleTestDatabases(Duration.ofHours(6))).isGreaterThanOrEqualTo(1);

        assertThat(testDatabases(server)).doesNotContain(old).contains(recent);
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + recent);
        }
    }

    private static List<String> testDatabases(PostgresServer server) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}

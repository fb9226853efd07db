package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TimeoutLog;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's view of a server's datasource: every statement it runs is bounded, by the short
 * bound while GME waits and the long one otherwise, and nothing else that uses the server's
 * datasource is, not even an observer sharing the receiver's session in a JTA transaction.
 */
class BoundedDataSourceTest {

    /** H2's own lock wait, far past GME's 5 s: a bound seen below is the receiver's. */
    private static final int H2_LOCK_TIMEOUT = 60_000;

    @TempDir
    Path directory;

    private JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("bounded") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT="
                + H2_LOCK_TIMEOUT);
        return dataSource;
    }

    @Test
    void everyKindOfStatementRunsWithTheBoundOfItsThread() throws Exception {
        TimeoutLog postgres = new TimeoutLog("PostgreSQL");
        BoundedDataSource bounded = new BoundedDataSource(postgres.dataSource());
        try (Connection connection = bounded.getConnection()) {
            runEveryKind(connection);
        }
        try (StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits();
             Connection connection = bounded.getConnection()) {
            runEveryKind(connection);
        }
        try (Connection connection = bounded.getConnection()) {
            runEveryKind(connection);
        }
        List<String> expected = new ArrayList<>();
        for (int seconds : new int[] {StatementTimeouts.IN_BACKGROUND, StatementTimeouts.WHILE_GME_WAITS,
                StatementTimeouts.IN_BACKGROUND}) {
            for (int kind = 1; kind <= 12; kind++) {
                expected.add("kind " + kind + " @ " + seconds + " s");
            }
        }
        assertEquals(expected, postgres.runs(), "30 s, 3 s while GME waits, and 30 s again once it no longer does");
    }

    /** Runs a statement of each of the twelve ways a connection makes one. */
    private static void runEveryKind(Connection c) throws SQLException {
        int type = ResultSet.TYPE_FORWARD_ONLY;
        int concurrency = ResultSet.CONCUR_READ_ONLY;
        int holdability = ResultSet.CLOSE_CURSORS_AT_COMMIT;
        c.createStatement().execute("kind 1");
        c.createStatement(type, concurrency).execute("kind 2");
        c.createStatement(type, concurrency, holdability).execute("kind 3");
        c.prepareStatement("kind 4").execute();
        c.prepareStatement("kind 5", Statement.RETURN_GENERATED_KEYS).executeUpdate();
        c.prepareStatement("kind 6", new int[] {1}).executeUpdate();
        c.prepareStatement("kind 7", new String[] {"id"}).executeUpdate();
        c.prepareStatement("kind 8", type, concurrency).executeQuery();
        c.prepareStatement("kind 9", type, concurrency, holdability).executeQuery();
        c.prepareCall("kind 10").execute();
        c.prepareCall("kind 11", type, concurrency).execute();
        c.prepareCall("kind 12", type, concurrency, holdability).execute();
    }

    @Test
    void anObserverSharingTheReceiversSessionGetsItsOwnBoundsBackWhenTheReceiverIsDone() throws Exception {
        try (Connection session = h2().getConnection()) {
            // What a JTA datasource does within a transaction: one session behind every handle.
            BoundedDataSource bounded = new BoundedDataSource(sharing(session));
            try (StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits();
                 Connection ours = bounded.getConnection()) {
                assertEquals(List.of(3, 3_000), bounds(ours), "query timeout (s), lock timeout (ms)");
            }
            assertEquals(List.of(0, H2_LOCK_TIMEOUT), bounds(session), "the session as the observer had it");
        }
    }

    @Test
    void theServersOwnDataSourceKeepsItsBoundsWhileTheReceiversAreInForce() throws Exception {
        JdbcDataSource server = h2();
        BoundedDataSource bounded = new BoundedDataSource(server);
        try (StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits();
             Connection ours = bounded.getConnection();
             Connection observers = server.getConnection()) {
            assertEquals(List.of(3, 3_000), bounds(ours));
            assertEquals(List.of(0, H2_LOCK_TIMEOUT), bounds(observers));
        }
    }

    @Test
    void theReceiversConnectionStillUnwrapsToTheDriversOwn() throws Exception {
        JdbcDataSource server = h2();
        BoundedDataSource bounded = new BoundedDataSource(server);
        assertTrue(bounded.isWrapperFor(JdbcDataSource.class));
        assertEquals(server, bounded.unwrap(JdbcDataSource.class));
        try (Connection ours = bounded.getConnection()) {
            assertTrue(ours.isWrapperFor(JdbcConnection.class));
            assertInstanceOf(JdbcConnection.class, ours.unwrap(JdbcConnection.class));
            assertEquals(ours, ours, "a connection equals itself, as pools that track connections expect");
        }
    }

    /** The session's query timeout (s) and H2's lock timeout (ms). */
    private static List<Integer> bounds(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
            row.next();
            return List.of(statement.getQueryTimeout(), row.getInt(1));
        }
    }

    /** A datasource that hands out one session, whose handles' {@code close()} leaves it open. */
    private static DataSource sharing(Connection session) {
        Connection handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : method.invoke(session, args));
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? handle : null);
    }
}

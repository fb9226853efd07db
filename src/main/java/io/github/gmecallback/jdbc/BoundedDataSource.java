package io.github.gmecallback.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A server's datasource as the receiver's {@code jdbc} stores use it: every statement they run has
 * a query timeout, and waits for a lock no longer, by the bound of the thread that opened the
 * connection ({@link StatementTimeouts}). A database that is locked or slow then gets GME a 503
 * within its 5 s, through each store's "unavailable" path, instead of a pile of request and
 * executor threads waiting on it.
 *
 * <p>The receiver wraps the datasources it looks up, and only those: an observer that injects the
 * same datasource gets the server's own, unbounded, as before. Within a JTA transaction the server
 * hands the receiver and the observers one session; the receiver's bound holds only while its own
 * connection is open (H2 keeps bounds per session, so they are given back as it closes).
 * <pre>{@code
 * DataSource dataSource = new BoundedDataSource(InitialContext.doLookup("java:comp/DefaultDataSource"));
 * }</pre>
 *
 * <p>How a database is bounded is chosen once, by its product name: per statement where the driver
 * cancels a statement past its query timeout, lock waits included (PostgreSQL, MySQL, MariaDB); per session on H2,
 * whose lock waits only its own {@code LOCK_TIMEOUT} ends. Where the server's datasource already
 * has a shorter bound, that one stays.
 */
public final class BoundedDataSource implements DataSource {

    private final DataSource server;
    private volatile BoundedConnection.Bounding bounding;

    /**
     * The receiver's view of a datasource.
     *
     * @param server the server's datasource, as looked up
     */
    public BoundedDataSource(DataSource server) {
        this.server = server;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bounded(server.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return bounded(server.getConnection(user, password));
    }

    private Connection bounded(Connection connection) throws SQLException {
        return BoundedConnection.open(connection, this::bounding, StatementTimeouts.seconds());
    }

    private BoundedConnection.Bounding bounding(Connection connection) throws SQLException {
        BoundedConnection.Bounding known = bounding;
        if (known == null) {
            known = SqlDialect.of(connection).bounding();
            bounding = known;
        }
        return known;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return server.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        server.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        server.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return server.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return server.getParentLogger();
    }

    /** The server's datasource or what it wraps, as the server's own answers. */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return server.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return server.isWrapperFor(type);
    }
}

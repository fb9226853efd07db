package io.github.gmecallback.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection of the server's pool as the receiver uses it: every statement it makes runs with a
 * bound. Everything else goes to the pool's connection as it is, {@code unwrap} and
 * {@code isWrapperFor} included, so a connection enlisted in a JTA transaction stays enlisted.
 */
final class BoundedConnection implements InvocationHandler {

    /** How a database ends a statement at its bound, lock waits included; chosen by its product name. */
    enum Bounding {

        /**
         * The driver cancels a statement past its query timeout, whatever it waits for: PostgreSQL's
         * sends a cancel request, MySQL's and MariaDB's a {@code KILL QUERY}, which ends a lock wait too.
         */
        PER_STATEMENT,

        /**
         * H2 keeps the query timeout per session, not per statement, and ends no lock wait by it: its
         * session's {@code LOCK_TIMEOUT} does. Both are set as the receiver's connection opens and
         * given back as it closes, since observers in the same JTA transaction share the session.
         */
        H2_SESSION
    }

    /** Tells how a connection's database bounds statements. */
    @FunctionalInterface
    interface BoundingOf {
        Bounding of(Connection connection) throws SQLException;
    }

    /** An H2 session's own bounds, given back as the receiver's connection closes. */
    private record SessionBounds(int querySeconds, int lockMillis) {
    }

    private final Connection connection;
    private final Bounding bounding;
    private final int seconds;
    /** The session's own bounds on H2; else {@code null}. */
    private final SessionBounds sessionOwn;
    private boolean closed;

    private BoundedConnection(Connection connection, Bounding bounding, int seconds) throws SQLException {
        this.connection = connection;
        this.bounding = bounding;
        this.seconds = seconds;
        this.sessionOwn = bounding == Bounding.H2_SESSION ? boundSession() : null;
    }

    /**
     * A pool's connection with every statement bounded; closed again where bounding it fails.
     *
     * @param connection the pool's connection
     * @param bounding   how its database bounds statements
     * @param seconds    the bound
     * @return the connection to use
     * @throws SQLException if the bound cannot be set
     */
    static Connection open(Connection connection, BoundingOf bounding, int seconds) throws SQLException {
        try {
            return (Connection) Proxy.newProxyInstance(BoundedConnection.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    new BoundedConnection(connection, bounding.of(connection), seconds));
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "close":
                close();
                return null;
            default:
                break;
        }
        Object result;
        try {
            result = method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof Statement statement && bounding == Bounding.PER_STATEMENT) {
            statement.setQueryTimeout(shorter(statement.getQueryTimeout(), seconds));
        }
        return result;
    }

    /** Bounds the H2 session, and returns what it had. */
    private SessionBounds boundSession() throws SQLException {
        try (Statement session = connection.createStatement()) {
            int query = session.getQueryTimeout();
            int lock;
            try (ResultSet row = session.executeQuery("SELECT LOCK_TIMEOUT()")) {
                row.next();
                lock = row.getInt(1);
            }
            session.setQueryTimeout(shorter(query, seconds));
            session.execute("SET LOCK_TIMEOUT " + Math.min(lock, seconds * 1000));
            return new SessionBounds(query, lock);
        }
    }

    private void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sessionOwn != null) {
                try (Statement session = connection.createStatement()) {
                    session.execute("SET LOCK_TIMEOUT " + sessionOwn.lockMillis());
                    session.setQueryTimeout(sessionOwn.querySeconds());
                }
            }
        } finally {
            connection.close();
        }
    }

    /** The shorter of a bound already there ({@code 0}: none) and ours: a shorter one of the server's stays. */
    private static int shorter(int existing, int ours) {
        return existing == 0 ? ours : Math.min(existing, ours);
    }
}

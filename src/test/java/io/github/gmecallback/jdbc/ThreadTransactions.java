package io.github.gmecallback.jdbc;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A JTA transaction manager as the stores meet it, on any database: every
 * {@code getConnection()} of one thread's transaction hands out that transaction's one connection
 * (its {@code close()} does nothing), committed or rolled back at the transaction's end; outside a
 * transaction, a connection of its own in auto-commit, as the database's datasource opens it.
 *
 * <pre>{@code
 * ThreadTransactions transactions = new ThreadTransactions(database.dataSource());
 * JdbcDedupeStore store = new JdbcDedupeStore(transactions.dataSource(), new Transactions(transactions), clock, retention);
 * }</pre>
 */
public final class ThreadTransactions implements InvocationHandler, UserTransaction {

    private final DataSource database;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final DataSource dataSource = (DataSource) Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, this);

    /**
     * Transactions on a database.
     *
     * @param database its datasource, whose connections open in auto-commit
     */
    public ThreadTransactions(DataSource database) {
        this.database = database;
    }

    /**
     * Transactions on an H2 database.
     *
     * @param h2Url its JDBC URL
     */
    public ThreadTransactions(String h2Url) {
        this(new DriverDataSource(h2Url, "", ""));
    }

    /** The datasource whose connections join this thread's transaction, where one is open. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A connection of its own, outside any transaction. */
    public Connection plain() throws SQLException {
        return database.getConnection();
    }

    @Override
    public void begin() {
        try {
            Connection connection = database.getConnection();
            connection.setAutoCommit(false);
            current.set(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void commit() {
        try (Connection connection = current.get()) {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        current.remove();
    }

    @Override
    public void rollback() {
        try (Connection connection = current.get()) {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        current.remove();
    }

    /**
     * Suspends this thread's transaction, as a transaction manager does for
     * {@code @Transactional(NOT_SUPPORTED)}: from now on the thread is in none.
     *
     * @return the transaction, for {@link #resume}
     */
    public Connection suspend() {
        Connection connection = current.get();
        current.remove();
        return connection;
    }

    /**
     * Resumes a suspended transaction on this thread.
     *
     * @param suspended what {@link #suspend} returned
     */
    public void resume(Connection suspended) {
        current.set(suspended);
    }

    @Override
    public int getStatus() {
        return current.get() == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setTransactionTimeout(int seconds) {
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (!method.getName().equals("getConnection")) {
            return unwrapped(method, database, args);
        }
        Connection connection = current.get();
        if (connection == null) {
            return database.getConnection();
        }
        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> m.getName().equals("close") ? null : unwrapped(m, connection, a));
    }

    /** Calls a method, throwing what it threw (a {@code SQLException}) rather than a reflection wrapper of it. */
    private static Object unwrapped(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

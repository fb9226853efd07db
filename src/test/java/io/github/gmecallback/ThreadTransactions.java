package io.github.gmecallback;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** One connection per thread's transaction, as a JTA transaction manager shares it. */
public final class ThreadTransactions implements InvocationHandler, UserTransaction {
    private final JdbcDataSource database = new JdbcDataSource();
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final DataSource dataSource = (DataSource) Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, this);

    public ThreadTransactions(String url) {
        database.setURL(url);
    }

    /** The datasource whose connections join the calling thread's transaction. */
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
            return method.invoke(database, args);
        }
        Connection connection = current.get();
        if (connection == null) {
            return database.getConnection();
        }
        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> m.getName().equals("close") ? null : m.invoke(connection, a));
    }
}

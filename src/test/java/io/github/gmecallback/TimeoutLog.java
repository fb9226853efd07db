package io.github.gmecallback;

import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A database that is nothing but its driver's surface: it answers to a product name, runs no SQL,
 * and writes down the query timeout each statement runs with, so that a test sees what a driver
 * that bounds each statement on its own (PostgreSQL's, MySQL's) is asked for.
 */
public final class TimeoutLog {

    private final String productName;
    private final List<String> runs = new ArrayList<>();

    /**
     * A database of that name.
     *
     * @param productName what its metadata calls it, as the receiver chooses its statements by it
     */
    public TimeoutLog(String productName) {
        this.productName = productName;
    }

    /** Each statement run so far, as {@code "<SQL> @ <timeout> s"}, in order. */
    public synchronized List<String> runs() {
        return List.copyOf(runs);
    }

    /** Its datasource: each {@code getConnection()} a new connection. */
    public DataSource dataSource() {
        return proxy(DataSource.class, (proxy, method, args) -> switch (method.getName()) {
            case "getConnection" -> connection();
            case "isWrapperFor" -> false;
            default -> nothing(method.getReturnType());
        });
    }

    private Connection connection() {
        return proxy(Connection.class, (proxy, method, args) -> switch (method.getName()) {
            case "getMetaData" -> proxy(DatabaseMetaData.class, (meta, asked, none) ->
                    switch (asked.getName()) {
                        case "getDatabaseProductName" -> productName;
                        case "getDatabaseProductVersion" -> "15.0";
                        case "getDatabaseMajorVersion" -> 15;
                        default -> nothing(asked.getReturnType());
                    });
            case "createStatement" -> statement(Statement.class, null);
            case "prepareStatement" -> statement(PreparedStatement.class, (String) args[0]);
            case "prepareCall" -> statement(CallableStatement.class, (String) args[0]);
            default -> nothing(method.getReturnType());
        });
    }

    private <T extends Statement> T statement(Class<T> kind, String prepared) {
        int[] timeout = {0};
        return proxy(kind, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("setQueryTimeout")) {
                timeout[0] = (Integer) args[0];
            } else if (name.equals("getQueryTimeout")) {
                return timeout[0];
            } else if (name.startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String given ? given : prepared;
                synchronized (this) {
                    runs.add(sql + " @ " + timeout[0] + " s");
                }
            }
            return nothing(method.getReturnType());
        });
    }

    private static Object nothing(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return type == int[].class ? new int[0] : type == long[].class ? new long[0] : null;
    }

    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(TimeoutLog.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}

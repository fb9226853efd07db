package io.github.gmecallback.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** Creating the receiver's tables where they are absent. */
public final class Tables {

    private Tables() {
    }

    /**
     * Runs a table's {@code CREATE ... IF NOT EXISTS} statements, each on a connection outside any
     * transaction (DDL commits an open one on H2, and others). When two servers create the table
     * at once, one of them may fail: then the table is there, and that is enough.
     *
     * @param dataSource where the table goes
     * @param table      its name
     * @param ddl        the statements that create it and its indexes
     * @throws SQLException if the table is not there afterwards
     */
    public static void ensure(DataSource dataSource, String table, List<String> ddl) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            } catch (SQLException stillMissing) {
                e.addSuppressed(stillMissing);
                throw e;
            }
        }
    }
}

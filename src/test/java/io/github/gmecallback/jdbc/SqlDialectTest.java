package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The dialect a datasource gets, by what its driver reports. */
class SqlDialectTest {

    @Test
    void eachSupportedDatabaseFromItsOldestVersionOn() throws Exception {
        assertEquals(SqlDialect.POSTGRESQL, SqlDialect.of("PostgreSQL", "13.0", 13, 0));
        assertEquals(SqlDialect.POSTGRESQL, SqlDialect.of("PostgreSQL", "17.2", 17, 2));
        assertEquals(SqlDialect.MYSQL, SqlDialect.of("MySQL", "8.0.36", 8, 0));
        assertEquals(SqlDialect.MYSQL, SqlDialect.of("MariaDB", "10.6.18-MariaDB", 10, 6));
        assertEquals(SqlDialect.MYSQL, SqlDialect.of("MariaDB", "11.4.2-MariaDB", 11, 4));
        // MySQL Connector/J on MariaDB 10: "MySQL" 5.5, with MariaDB's own version in the text.
        assertEquals(SqlDialect.MYSQL, SqlDialect.of("MySQL", "5.5.5-10.11.5-MariaDB", 5, 5));
        assertEquals(SqlDialect.H2, SqlDialect.of("H2", "2.3.232 (2024-08-11)", 2, 3));
    }

    @Test
    void anotherDatabaseOrAnOlderVersionIsRefusedNamingTheSupportedOnes() {
        for (String[] database : new String[][] {{"Apache Derby", "10.17", "10", "17"}, {"PostgreSQL", "12.9", "12", "9"},
                {"MySQL", "5.7.44", "5", "7"}, {"MariaDB", "10.5.9-MariaDB", "10", "5"},
                {"MySQL", "5.5.5-10.4.1-MariaDB", "5", "5"}, {"Oracle", "23", "23", "0"}}) {
            UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class, () -> SqlDialect.of(
                    database[0], database[1], Integer.parseInt(database[2]), Integer.parseInt(database[3])));
            assertTrue(e.getMessage().contains(database[1]) && e.getMessage().contains("supported: PostgreSQL 13+, "
                    + "MySQL 8.0+ and MariaDB 10.6+"), e.getMessage());
        }
    }

    @Test
    void duplicatesAndLockWaitsAsEachDatabaseReportsThem() {
        java.sql.SQLException pgDuplicate = new java.sql.SQLException("dup", "23505");
        java.sql.SQLException myDuplicate = new java.sql.SQLException("Duplicate entry 'x' for key 'PRIMARY'", "23000", 1062);
        java.sql.SQLException myLockWait = new java.sql.SQLException("Lock wait timeout exceeded", "HY000", 1205);
        assertTrue(SqlDialect.POSTGRESQL.isDuplicate(pgDuplicate) && !SqlDialect.POSTGRESQL.isDuplicate(myDuplicate));
        assertTrue(SqlDialect.MYSQL.isDuplicate(myDuplicate) && !SqlDialect.MYSQL.isDuplicate(pgDuplicate));
        assertTrue(SqlDialect.MYSQL.isLockTimeout(myLockWait) && !SqlDialect.MYSQL.isDuplicate(myLockWait));
        assertTrue(SqlDialect.POSTGRESQL.isLockTimeout(new java.sql.SQLException("lock", "55P03")));
    }

    @Test
    void aStoreOnAnotherDatabaseFailsTheDeploymentNamingTheSupportedOnes() {
        javax.sql.DataSource derby = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (ds, method, args) ->
                        method.getName().equals("getConnection") ? java.lang.reflect.Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {java.sql.Connection.class}, (c, m, a) ->
                                        switch (m.getName()) {
                                            case "getMetaData" -> java.lang.reflect.Proxy.newProxyInstance(
                                                    getClass().getClassLoader(),
                                                    new Class<?>[] {java.sql.DatabaseMetaData.class}, (md, mm, ma) ->
                                                            switch (mm.getName()) {
                                                                case "getDatabaseProductName" -> "Apache Derby";
                                                                case "getDatabaseProductVersion" -> "10.17.1.0";
                                                                default -> 10;
                                                            });
                                            case "createStatement" -> null;
                                            default -> null;
                                        }) : null);
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> new io.github.gmecallback
                .ledger.JdbcLedgerStore(derby, java.time.Clock.systemUTC(), java.time.Duration.ofDays(1), null));
        assertTrue(failed.getMessage().startsWith("the receiver's jdbc stores do not support Apache Derby 10.17.1.0; "
                + "supported: PostgreSQL 13+, MySQL 8.0+ and MariaDB 10.6+"), failed.getMessage());
    }
}

package io.github.gmecallback.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The statements of a claim on a row keyed by a callback's identity, which
 * {@link SqlDialect#claim} runs in the order and the way its database needs: one that deletes the
 * key's row where it is past retention, and the insert of the row.
 */
public interface ClaimStatements {

    /**
     * A {@code DELETE} of the key's row where it expired.
     *
     * @return the statement
     */
    String forgetExpired();

    /**
     * A {@code SELECT} of the key's row where it expired, with {@link #forgetExpired()}'s
     * parameters.
     *
     * @return the statement
     */
    String expired();

    /**
     * The {@code INSERT} of the row.
     *
     * @return the statement
     */
    String insert();

    /**
     * Binds {@link #forgetExpired()}'s parameters from a position on.
     *
     * @param statement the statement
     * @param first     the position of the first
     * @return the position after the last
     * @throws SQLException if binding fails
     */
    int bindForget(PreparedStatement statement, int first) throws SQLException;

    /**
     * Binds {@link #insert()}'s parameters from a position on.
     *
     * @param statement the statement
     * @param first     the position of the first
     * @throws SQLException if binding fails
     */
    void bindInsert(PreparedStatement statement, int first) throws SQLException;
}

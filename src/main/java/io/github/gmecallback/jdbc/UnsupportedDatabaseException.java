package io.github.gmecallback.jdbc;

import java.sql.SQLException;

/**
 * A datasource whose database the {@code jdbc} stores do not support, or in a version older than
 * they need: the message names the database and the ones supported. Found at deployment it fails
 * the deployment; found later (the database could not be reached at deployment), the stores answer
 * 503 with it, like any database failure.
 */
final class UnsupportedDatabaseException extends SQLException {

    private static final long serialVersionUID = 1L;

    UnsupportedDatabaseException(String message) {
        super(message, "0A000");
    }
}

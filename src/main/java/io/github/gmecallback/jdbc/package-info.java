/**
 * What the {@code jdbc} stores share: plain JDBC on a datasource of the server's, no persistence
 * unit.
 */
package io.github.gmecallback.jdbc;

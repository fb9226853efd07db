/**
 * What the {@code jdbc} stores share: plain JDBC on a datasource of the server's, no persistence
 * unit, every statement bounded in time ({@link io.github.gmecallback.jdbc.BoundedDataSource}).
 */
package io.github.gmecallback.jdbc;

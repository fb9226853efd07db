package io.github.gmecallback.config;

/**
 * How repeats of a callback are recognised: where processed callbacks are remembered, and for
 * how long.
 *
 * @param store       {@code memory} (per server), {@code jdbc} (shared through a database) or
 *                    {@code none}
 * @param retention   seconds a processed callback is remembered
 * @param maxEntries  the bound of the {@code memory} store
 * @param datasource  JNDI name of the datasource of the {@code jdbc} store
 */
public record DedupeSettings(Store store, long retention, int maxEntries, String datasource) {

    /** Where processed callbacks are remembered. */
    public enum Store {
        /** In this server's memory: repeats to another server of a cluster are not recognised. */
        MEMORY,
        /** In a database table every server shares, in one transaction with the observers. */
        JDBC,
        /** Nowhere: every repeat reaches the observers again. */
        NONE
    }
}

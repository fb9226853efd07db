package io.github.gmecallback.config;

/**
 * What the journal keeps of every callback received.
 *
 * @param store      {@code memory} (the newest {@code size} entries of this server), {@code jdbc}
 *                   (a table the cluster shares) or {@code none}
 * @param size       the entries {@code memory} keeps
 * @param retention  seconds {@code jdbc} keeps an entry
 * @param datasource JNDI name of the datasource of {@code jdbc}
 */
public record JournalSettings(Store store, int size, long retention, String datasource) {

    /** Where journal entries are kept. */
    public enum Store {
        /** The newest entries, in this server's memory. */
        MEMORY,
        /** A database table the cluster shares. */
        JDBC,
        /** Nowhere; the counters are still kept. */
        NONE
    }
}

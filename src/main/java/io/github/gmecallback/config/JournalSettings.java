package io.github.gmecallback.config;

/**
 * What the journal keeps of every callback received.
 *
 * @param store {@code memory} (the newest {@code size} entries of this server) or {@code none}
 * @param size  the entries {@code memory} keeps
 */
public record JournalSettings(Store store, int size) {

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

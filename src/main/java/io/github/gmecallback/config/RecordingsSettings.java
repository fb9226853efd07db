package io.github.gmecallback.config;

import java.time.Duration;

/**
 * The ledger of recording files.
 *
 * @param store            {@code memory} (this server's newest {@code size} files), {@code jdbc}
 *                         (a table on the journal's datasource, shared by the cluster) or {@code none}
 * @param size             the files {@code memory} keeps
 * @param retention        seconds {@code jdbc} keeps a file after its latest callback
 * @param recordingTimeout seconds a file may stay recording without completing
 * @param uploadTimeout    seconds a completed file may wait for its upload
 * @param datasource       JNDI name of the datasource of {@code jdbc}: the journal's
 */
public record RecordingsSettings(Store store, int size, long retention, long recordingTimeout, long uploadTimeout,
        String datasource) {

    /** Where the ledger is kept. */
    public enum Store {
        /** This server's memory. */
        MEMORY,
        /** A database table the cluster shares. */
        JDBC,
        /** Nowhere. */
        NONE
    }

    /** Reads and checks the ledger's keys; its store follows the journal's unless set. */
    static RecordingsSettings read(SettingsReader read, DedupeSettings dedupe, JournalSettings journal) {
        Store store = read.choice(CallbackSettings.RECORDINGS_STORE, Store.class, Store.valueOf(journal.store().name()));
        long recordingTimeout = read.number(CallbackSettings.RECORDINGS_RECORDING_TIMEOUT, 9000, 1,
                CallbackSettings.MAX_RETENTION);
        long uploadTimeout = read.number(CallbackSettings.RECORDINGS_UPLOAD_TIMEOUT, 3600, 1,
                CallbackSettings.MAX_RETENTION);
        long retention = read.number(CallbackSettings.RECORDINGS_RETENTION, 2_592_000, 1, CallbackSettings.MAX_RETENTION);
        RecordingsSettings settings = new RecordingsSettings(store,
                (int) read.number(CallbackSettings.RECORDINGS_SIZE, 10_000, 1, 10_000_000), retention,
                recordingTimeout, uploadTimeout, journal.datasource());
        if (store != Store.JDBC) {
            return settings;
        }
        long longest = Math.max(recordingTimeout, uploadTimeout);
        if (retention <= longest) {
            // A file purged before its timeout ran out would never be found overdue.
            read.problem(CallbackSettings.RECORDINGS_RETENTION, "must be more than "
                    + CallbackSettings.RECORDINGS_RECORDING_TIMEOUT + " and " + CallbackSettings.RECORDINGS_UPLOAD_TIMEOUT
                    + " (" + longest + " seconds), so that no file is purged before it could be overdue; it is "
                    + retention);
        }
        if (dedupe.store() == DedupeSettings.Store.JDBC && !journal.datasource().equals(dedupe.datasource())) {
            // The ledger's change commits with the dedupe record, in one transaction on one database.
            read.problem(CallbackSettings.RECORDINGS_STORE, "jdbc needs the journal and the dedupe store on one "
                    + "datasource, so that a file's change commits with the callback's dedupe record ("
                    + CallbackSettings.JOURNAL_DATASOURCE + " is " + journal.datasource() + ", "
                    + CallbackSettings.DEDUPE_DATASOURCE + " is " + dedupe.datasource() + "); set them alike, or set "
                    + CallbackSettings.RECORDINGS_STORE + " to memory or none");
        }
        return settings;
    }

    /**
     * How long a file may stay recording.
     *
     * @return the timeout
     */
    public Duration recordingTimeoutDuration() {
        return Duration.ofSeconds(recordingTimeout);
    }

    /**
     * How long a completed file may wait for its upload.
     *
     * @return the timeout
     */
    public Duration uploadTimeoutDuration() {
        return Duration.ofSeconds(uploadTimeout);
    }
}

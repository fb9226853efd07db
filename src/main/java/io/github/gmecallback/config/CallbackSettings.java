package io.github.gmecallback.config;

import io.github.gmecallback.signature.KeyRing;
import io.github.gmecallback.signature.SignatureEncoding;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Everything the receiver is configured with, read once and validated.
 *
 * <p>Read from MicroProfile Config, so each key can come from a system property, the
 * environment ({@code gme.callback.max-body-bytes} as {@code GME_CALLBACK_MAX_BODY_BYTES}), or
 * a config source of the server:
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code gme.callback.secret-key}</td><td>none</td>
 *     <td>comma-separated keys for every BizID without keys of its own; any one verifies</td></tr>
 * <tr><td>{@code gme.callback.secret-key.<BizID>}</td><td>none</td>
 *     <td>keys of that AppID only; where set, only they verify that BizID</td></tr>
 * <tr><td>{@code gme.callback.signature-encoding}</td><td>{@code auto}</td>
 *     <td>{@code auto} (base64 or hex), {@code base64}, {@code hex}</td></tr>
 * <tr><td>{@code gme.callback.max-body-bytes}</td><td>{@code 65536}</td><td>body size limit</td></tr>
 * <tr><td>{@code gme.callback.path}</td><td>{@code /recording-callback}</td>
 *     <td>where an embedded receiver is mapped</td></tr>
 * <tr><td>{@code gme.callback.max-age}</td><td>{@code 86400}</td>
 *     <td>seconds a signed {@code Timestamp} may be old; 0 turns the replay window off</td></tr>
 * <tr><td>{@code gme.callback.max-clock-skew}</td><td>{@code 300}</td>
 *     <td>seconds a {@code Timestamp} may lie in the future</td></tr>
 * <tr><td>{@code gme.callback.dedupe.store}</td><td>{@code memory}</td>
 *     <td>{@code memory}, {@code jdbc} or {@code none}</td></tr>
 * <tr><td>{@code gme.callback.dedupe.retention}</td><td>{@code 86701}</td>
 *     <td>seconds a processed callback is remembered; more than max-age + max-clock-skew</td></tr>
 * <tr><td>{@code gme.callback.dedupe.max-entries}</td><td>{@code 500000}</td>
 *     <td>bound of the memory store</td></tr>
 * <tr><td>{@code gme.callback.dedupe.datasource}</td><td>{@code java:comp/DefaultDataSource}</td>
 *     <td>JNDI name of the jdbc store's datasource</td></tr>
 * <tr><td>{@code gme.callback.journal.store}</td><td>{@code memory}</td>
 *     <td>{@code memory}, {@code jdbc} or {@code none}</td></tr>
 * <tr><td>{@code gme.callback.journal.size}</td><td>{@code 1000}</td>
 *     <td>entries the memory journal keeps</td></tr>
 * <tr><td>{@code gme.callback.journal.retention}</td><td>{@code 604800}</td>
 *     <td>seconds the jdbc journal keeps an entry</td></tr>
 * <tr><td>{@code gme.callback.journal.datasource}</td><td>that of the dedupe store</td>
 *     <td>JNDI name of the jdbc journal's datasource</td></tr>
 * <tr><td>{@code gme.callback.delivery}</td><td>{@code sync}</td>
 *     <td>{@code sync} or {@code inbox}; {@code inbox} needs both stores {@code jdbc} on one
 *     datasource</td></tr>
 * <tr><td>{@code gme.callback.inbox.max-attempts}</td><td>{@code 24}</td>
 *     <td>dispatch attempts before an inbox entry is dead</td></tr>
 * <tr><td>{@code gme.callback.inbox.first-retry-delay}</td><td>{@code 5}</td>
 *     <td>seconds before the second attempt; doubles per attempt, at most 3600</td></tr>
 * <tr><td>{@code gme.callback.inbox.dispatch-timeout}</td><td>{@code 60}</td>
 *     <td>seconds one dispatch attempt may run (its transaction's timeout)</td></tr>
 * <tr><td>{@code gme.callback.inbox.lease}</td><td>{@code 30}</td>
 *     <td>seconds after which another server takes over an entry whose server stopped renewing its
 *     lease (it died)</td></tr>
 * <tr><td>{@code gme.callback.recordings.*}</td><td></td>
 *     <td>the ledger of recording files: see {@link RecordingsSettings}</td></tr>
 * <tr><td>{@code gme.callback.console.enabled}</td><td>{@code true} in our WAR, {@code false} embedded</td>
 *     <td>serve the operator console</td></tr>
 * <tr><td>{@code gme.callback.console.path}</td><td>{@code /console}</td>
 *     <td>where the console is, under the hosting module's context root</td></tr>
 * </table>
 *
 * <p>No key at all is valid: the receiver then deploys and answers every callback with 503,
 * failing closed.
 *
 * @param keys          the secret keys, by BizID
 * @param encoding      accepted form of the {@code Signature} header
 * @param maxBodyBytes  the largest body accepted, in bytes
 * @param path          the callback's path under an embedding module's context root
 * @param window        the replay window on the signed {@code Timestamp}
 * @param dedupe        how repeats are recognised
 * @param journal       what is kept of each callback received
 * @param delivery      when the observers run
 * @param console       the operator console
 * @param recordings    the ledger of recording files
 */
public record CallbackSettings(KeyRing keys, SignatureEncoding encoding, int maxBodyBytes, String path,
        ReplayWindow window, DedupeSettings dedupe, JournalSettings journal, DeliverySettings delivery,
        ConsoleSettings console, RecordingsSettings recordings) {

    /** The default keys, comma-separated. */
    public static final String SECRET_KEY = "gme.callback.secret-key";
    /** The encoding of the {@code Signature} header. */
    public static final String SIGNATURE_ENCODING = "gme.callback.signature-encoding";
    /** The body size limit. */
    public static final String MAX_BODY_BYTES = "gme.callback.max-body-bytes";
    /** The path of an embedded receiver. */
    public static final String PATH = "gme.callback.path";

    /** The replay window's bound on a {@code Timestamp}'s age; 0 turns the window off. */
    public static final String MAX_AGE = "gme.callback.max-age";
    /** How far a {@code Timestamp} may lie in the future. */
    public static final String MAX_CLOCK_SKEW = "gme.callback.max-clock-skew";
    /** Where processed callbacks are remembered. */
    public static final String DEDUPE_STORE = "gme.callback.dedupe.store";
    /** How long processed callbacks are remembered. */
    public static final String DEDUPE_RETENTION = "gme.callback.dedupe.retention";
    /** The bound of the memory store. */
    public static final String DEDUPE_MAX_ENTRIES = "gme.callback.dedupe.max-entries";
    /** The datasource of the jdbc store. */
    public static final String DEDUPE_DATASOURCE = "gme.callback.dedupe.datasource";
    /** Where journal entries are kept. */
    public static final String JOURNAL_STORE = "gme.callback.journal.store";
    /** The entries the memory journal keeps. */
    public static final String JOURNAL_SIZE = "gme.callback.journal.size";
    /** How long the jdbc journal keeps an entry. */
    public static final String JOURNAL_RETENTION = "gme.callback.journal.retention";
    /** The datasource of the jdbc journal. */
    public static final String JOURNAL_DATASOURCE = "gme.callback.journal.datasource";
    /** When the observers run: {@code sync} or {@code inbox}. */
    public static final String DELIVERY = "gme.callback.delivery";
    /** Dispatch attempts of an inbox entry before it is dead. */
    public static final String INBOX_MAX_ATTEMPTS = "gme.callback.inbox.max-attempts";
    /** Seconds before an inbox entry's second attempt. */
    public static final String INBOX_FIRST_RETRY_DELAY = "gme.callback.inbox.first-retry-delay";
    /** Seconds one inbox dispatch attempt may run. */
    public static final String INBOX_DISPATCH_TIMEOUT = "gme.callback.inbox.dispatch-timeout";
    /** Seconds before an inbox entry whose server stopped renewing its lease is taken over. */
    public static final String INBOX_LEASE = "gme.callback.inbox.lease";

    /** Where the ledger of recording files is kept. */
    public static final String RECORDINGS_STORE = "gme.callback.recordings.store";
    /** The files the memory ledger keeps. */
    public static final String RECORDINGS_SIZE = "gme.callback.recordings.size";
    /** How long the jdbc ledger keeps a file after its latest callback. */
    public static final String RECORDINGS_RETENTION = "gme.callback.recordings.retention";
    /** Seconds a file may stay recording. */
    public static final String RECORDINGS_RECORDING_TIMEOUT = "gme.callback.recordings.recording-timeout";
    /** Seconds a completed file may wait for its upload. */
    public static final String RECORDINGS_UPLOAD_TIMEOUT = "gme.callback.recordings.upload-timeout";

    /** Whether to serve the operator console. */
    public static final String CONSOLE_ENABLED = "gme.callback.console.enabled";
    /** Where the operator console is served. */
    public static final String CONSOLE_PATH = "gme.callback.console.path";

    /** The longest retention, in seconds: a hundred years, which still fits in milliseconds. */
    static final long MAX_RETENTION = 3_155_760_000L;

    /** The default body limit: callbacks are a few hundred bytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 65_536;
    /** The largest limit allowed: each request in flight may buffer this much. */
    public static final int MAX_MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** The default path of an embedded receiver. */
    public static final String DEFAULT_PATH = "/recording-callback";

    /**
     * Reads and validates the settings.
     *
     * @param config where the values come from
     * @return the settings
     * @throws InvalidSettingException naming every value the receiver cannot run with, at once
     */
    public static CallbackSettings from(Config config) {
        SettingsReader read = new SettingsReader(config);
        ReplayWindow window = new ReplayWindow(read.number(MAX_AGE, 86_400, 0, Long.MAX_VALUE / 4),
                read.number(MAX_CLOCK_SKEW, 300, 0, Long.MAX_VALUE / 4));
        DedupeSettings dedupe = dedupe(read, window);
        JournalSettings journal = new JournalSettings(
                read.choice(JOURNAL_STORE, JournalSettings.Store.class, JournalSettings.Store.MEMORY),
                (int) read.number(JOURNAL_SIZE, 1000, 1, 1_000_000),
                read.number(JOURNAL_RETENTION, 604_800, 1, MAX_RETENTION),
                read.text(JOURNAL_DATASOURCE, dedupe.datasource()));
        String path = read.path(PATH, DEFAULT_PATH);
        CallbackSettings settings = new CallbackSettings(
                read.keys(),
                read.choice(SIGNATURE_ENCODING, SignatureEncoding.class, SignatureEncoding.AUTO),
                (int) read.number(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1, MAX_MAX_BODY_BYTES),
                path,
                window,
                dedupe,
                journal,
                delivery(read, dedupe, journal),
                console(read, path),
                RecordingsSettings.read(read, dedupe, journal));
        read.failOnProblems();
        return settings;
    }

    private static DedupeSettings dedupe(SettingsReader read, ReplayWindow window) {
        DedupeSettings.Store store = read.choice(DEDUPE_STORE, DedupeSettings.Store.class, DedupeSettings.Store.MEMORY);
        long retention = read.number(DEDUPE_RETENTION, 86_701, 1, MAX_RETENTION);
        long windowSeconds = window.maxAge() + window.maxClockSkew();
        if (window.isOn() && store != DedupeSettings.Store.NONE && retention <= windowSeconds) {
            // The window is judged in whole seconds and a record expires to the millisecond: a
            // repeat is accepted until just before the second after maxAge ends, up to
            // maxAge + maxClockSkew + 1 seconds after its first copy was processed. A retention of
            // exactly the window would forget it in that last second, and let the repeat through.
            read.problem(DEDUPE_RETENTION, "must be more than " + MAX_AGE + " + " + MAX_CLOCK_SKEW + " ("
                    + windowSeconds + " seconds), so that no callback is forgotten while "
                    + "it could still be replayed; it is " + retention);
        }
        return new DedupeSettings(store, retention, (int) read.number(DEDUPE_MAX_ENTRIES, 500_000, 1, Integer.MAX_VALUE),
                read.text(DEDUPE_DATASOURCE, "java:comp/DefaultDataSource"));
    }

    private static DeliverySettings delivery(SettingsReader read, DedupeSettings dedupe, JournalSettings journal) {
        DeliverySettings delivery = new DeliverySettings(
                read.choice(DELIVERY, DeliverySettings.Mode.class, DeliverySettings.Mode.SYNC),
                (int) read.number(INBOX_MAX_ATTEMPTS, 24, 1, 1000),
                (int) read.number(INBOX_FIRST_RETRY_DELAY, 5, 1, DeliverySettings.MAX_RETRY_DELAY),
                (int) read.number(INBOX_DISPATCH_TIMEOUT, DeliverySettings.DEFAULT_DISPATCH_TIMEOUT, 1, 86_400),
                (int) read.number(INBOX_LEASE, DeliverySettings.DEFAULT_LEASE, DeliverySettings.MIN_LEASE, 3600));
        if (!delivery.inbox()) {
            return delivery;
        }
        // "Never lost" holds only where the journal is durable and the dedupe record commits
        // with the entry's outcome, in one transaction on one database.
        if (journal.store() != JournalSettings.Store.JDBC || dedupe.store() != DedupeSettings.Store.JDBC) {
            read.problem(DELIVERY, "inbox needs " + JOURNAL_STORE + "=jdbc and " + DEDUPE_STORE + "=jdbc (they are "
                    + lower(journal.store()) + " and " + lower(dedupe.store()) + ")");
        } else if (!journal.datasource().equals(dedupe.datasource())) {
            read.problem(DELIVERY, "inbox needs the journal and the dedupe store on one datasource, so that an "
                    + "entry's outcome commits with its dedupe record (" + JOURNAL_DATASOURCE + " is "
                    + journal.datasource() + ", " + DEDUPE_DATASOURCE + " is " + dedupe.datasource() + ")");
        }
        return delivery;
    }

    private static ConsoleSettings console(SettingsReader read, String callbackPath) {
        Optional<Boolean> enabled = read.flag(CONSOLE_ENABLED);
        String path = read.path(CONSOLE_PATH, ConsoleSettings.DEFAULT_PATH);
        if (path.equals(callbackPath)) {
            read.problem(CONSOLE_PATH, "must differ from " + PATH + " (" + callbackPath + ")");
        }
        return new ConsoleSettings(enabled, path);
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether any secret key is configured; without one every callback is answered 503.
     *
     * @return {@code true} when at least one key exists
     */
    public boolean hasKeys() {
        return !keys.isEmpty();
    }
}

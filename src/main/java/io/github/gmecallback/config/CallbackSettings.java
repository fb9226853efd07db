package io.github.gmecallback.config;

import io.github.gmecallback.signature.HmacKey;
import io.github.gmecallback.signature.KeyRing;
import io.github.gmecallback.signature.SignatureEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * <tr><td>{@code gme.callback.dedupe.retention}</td><td>{@code 86700}</td>
 *     <td>seconds a processed callback is remembered; at least max-age + max-clock-skew</td></tr>
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
 */
public record CallbackSettings(KeyRing keys, SignatureEncoding encoding, int maxBodyBytes, String path,
        ReplayWindow window, DedupeSettings dedupe, JournalSettings journal, DeliverySettings delivery,
        ConsoleSettings console) {

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

    /** {@code gme.callback.secret-key.<BizID>}, as a property or in its environment form. */
    private static final Pattern PER_BIZ_ID_KEY =
            Pattern.compile("(?:gme\\.callback\\.secret-key\\.|GME_CALLBACK_SECRET_KEY_)(.*)");

    /**
     * Reads and validates the settings.
     *
     * @param config where the values come from
     * @return the settings
     * @throws InvalidSettingException for the first value the receiver cannot run with
     */
    public static CallbackSettings from(Config config) {
        ReplayWindow window = new ReplayWindow(
                readLong(config, MAX_AGE, 86_400, 0, Long.MAX_VALUE / 4),
                readLong(config, MAX_CLOCK_SKEW, 300, 0, Long.MAX_VALUE / 4));
        DedupeSettings dedupe = readDedupe(config, window);
        JournalSettings journal = readJournal(config, dedupe);
        String path = readPath(config, PATH, DEFAULT_PATH);
        return new CallbackSettings(
                readKeys(config),
                readEnum(config, SIGNATURE_ENCODING, SignatureEncoding.class, SignatureEncoding.AUTO),
                (int) readLong(config, MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1, MAX_MAX_BODY_BYTES),
                path,
                window,
                dedupe,
                journal,
                readDelivery(config, dedupe, journal),
                readConsole(config, path));
    }

    private static ConsoleSettings readConsole(Config config, String callbackPath) {
        Optional<Boolean> enabled = config.getOptionalValue(CONSOLE_ENABLED, String.class).map(String::strip)
                .map(value -> switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new InvalidSettingException(CONSOLE_ENABLED, "must be true or false, not '"
                            + value + "'");
                });
        String path = readPath(config, CONSOLE_PATH, ConsoleSettings.DEFAULT_PATH);
        if (path.equals(callbackPath)) {
            throw new InvalidSettingException(CONSOLE_PATH, "must differ from " + PATH + " (" + callbackPath + ")");
        }
        return new ConsoleSettings(enabled, path);
    }

    private static DeliverySettings readDelivery(Config config, DedupeSettings dedupe, JournalSettings journal) {
        DeliverySettings delivery = new DeliverySettings(
                readEnum(config, DELIVERY, DeliverySettings.Mode.class, DeliverySettings.Mode.SYNC),
                (int) readLong(config, INBOX_MAX_ATTEMPTS, 24, 1, 1000),
                (int) readLong(config, INBOX_FIRST_RETRY_DELAY, 5, 1, DeliverySettings.MAX_RETRY_DELAY));
        if (delivery.inbox()) {
            // "Never lost" holds only where the journal is durable and the dedupe record commits
            // with the entry's outcome, in one transaction on one database.
            if (journal.store() != JournalSettings.Store.JDBC || dedupe.store() != DedupeSettings.Store.JDBC) {
                throw new InvalidSettingException(DELIVERY, "inbox needs " + JOURNAL_STORE + "=jdbc and "
                        + DEDUPE_STORE + "=jdbc (they are " + lower(journal.store()) + " and "
                        + lower(dedupe.store()) + ")");
            }
            if (!journal.datasource().equals(dedupe.datasource())) {
                throw new InvalidSettingException(DELIVERY, "inbox needs the journal and the dedupe store on one "
                        + "datasource, so that an entry's outcome commits with its dedupe record ("
                        + JOURNAL_DATASOURCE + " is " + journal.datasource() + ", " + DEDUPE_DATASOURCE + " is "
                        + dedupe.datasource() + ")");
            }
        }
        return delivery;
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static JournalSettings readJournal(Config config, DedupeSettings dedupe) {
        JournalSettings.Store store = readEnum(config, JOURNAL_STORE, JournalSettings.Store.class,
                JournalSettings.Store.MEMORY);
        String datasource = config.getOptionalValue(JOURNAL_DATASOURCE, String.class).map(String::strip)
                .orElse(dedupe.datasource());
        return new JournalSettings(store, (int) readLong(config, JOURNAL_SIZE, 1000, 1, 1_000_000),
                readLong(config, JOURNAL_RETENTION, 604_800, 1, MAX_RETENTION), datasource);
    }

    private static DedupeSettings readDedupe(Config config, ReplayWindow window) {
        DedupeSettings.Store store = readEnum(config, DEDUPE_STORE, DedupeSettings.Store.class, DedupeSettings.Store.MEMORY);
        long retention = readLong(config, DEDUPE_RETENTION, 86_700, 1, MAX_RETENTION);
        if (window.isOn() && store != DedupeSettings.Store.NONE && retention < window.maxAge() + window.maxClockSkew()) {
            // A callback forgotten while its Timestamp is still inside the window could be replayed.
            throw new InvalidSettingException(DEDUPE_RETENTION, "must be at least " + MAX_AGE + " + "
                    + MAX_CLOCK_SKEW + " (" + (window.maxAge() + window.maxClockSkew())
                    + " seconds), so that no callback is forgotten while it could still be replayed; it is "
                    + retention);
        }
        int maxEntries = (int) readLong(config, DEDUPE_MAX_ENTRIES, 500_000, 1, Integer.MAX_VALUE);
        String datasource = config.getOptionalValue(DEDUPE_DATASOURCE, String.class).map(String::strip)
                .orElse("java:comp/DefaultDataSource");
        return new DedupeSettings(store, retention, maxEntries, datasource);
    }

    private static <E extends Enum<E>> E readEnum(Config config, String key, Class<E> type, E fallback) {
        Optional<String> value = config.getOptionalValue(key, String.class).map(String::strip);
        if (value.isEmpty()) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.get())) {
                return constant;
            }
        }
        throw new InvalidSettingException(key, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList() + ", not '" + value.get() + "'");
    }

    private static long readLong(Config config, String key, long fallback, long min, long max) {
        Optional<String> value = config.getOptionalValue(key, String.class);
        if (value.isEmpty()) {
            return fallback;
        }
        String problem = "must be a whole number from " + min + " to " + max + ", not '" + value.get() + "'";
        try {
            long number = Long.parseLong(value.get().strip());
            if (number < min || number > max) {
                throw new InvalidSettingException(key, problem);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, problem);
        }
    }

    /**
     * Whether any secret key is configured; without one every callback is answered 503.
     *
     * @return {@code true} when at least one key exists
     */
    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    private static KeyRing readKeys(Config config) {
        List<HmacKey> defaults = config.getOptionalValue(SECRET_KEY, String.class)
                .map(CallbackSettings::splitKeys).orElse(List.of());
        Map<Long, List<HmacKey>> byBizId = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = PER_BIZ_ID_KEY.matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            String key = SECRET_KEY + "." + matcher.group(1);
            long bizId = parseBizId(matcher.group(1), key);
            // MicroProfile Config finds GME_CALLBACK_SECRET_KEY_<BizID> under the dotted name
            // in the environment only; another source may hold the environment form itself.
            List<HmacKey> keys = config.getOptionalValue(key, String.class)
                    .or(() -> config.getOptionalValue(name, String.class))
                    .map(CallbackSettings::splitKeys).orElse(List.of());
            if (keys.isEmpty()) {
                throw new InvalidSettingException(key, "holds no key; give one or more "
                        + "comma-separated keys, or remove it to use " + SECRET_KEY);
            }
            byBizId.put(bizId, keys);
        }
        return new KeyRing(defaults, byBizId);
    }

    private static long parseBizId(String suffix, String key) {
        if (suffix.matches("[0-9]{1,18}")) {
            return Long.parseLong(suffix);
        }
        throw new InvalidSettingException(key, "the part after " + SECRET_KEY
                + ". must be a BizID (the AppID, a whole number such as 1400000000)");
    }

    private static List<HmacKey> splitKeys(String value) {
        List<HmacKey> keys = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(HmacKey::of).forEach(keys::add);
        return keys;
    }

    private static String readPath(Config config, String key, String fallback) {
        String path = config.getOptionalValue(key, String.class).map(String::strip).orElse(fallback);
        if (!path.matches("(/[A-Za-z0-9._~!$&'()+,;=:@%-]+)+")) {
            throw new InvalidSettingException(key, "must start with / and name an exact path "
                    + "(segments of URL path characters, no wildcard, no trailing /), not '" + path + "'");
        }
        return path;
    }
}

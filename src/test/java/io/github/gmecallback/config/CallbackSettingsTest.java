package io.github.gmecallback.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.signature.SignatureEncoding;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Reading through SmallRye Config, WildFly's MicroProfile Config implementation. */
class CallbackSettingsTest {

    private static Config config(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }

    @Test
    void defaultsWithoutAnyKey() {
        CallbackSettings settings = CallbackSettings.from(config());
        assertFalse(settings.hasKeys());
        assertEquals(SignatureEncoding.AUTO, settings.encoding());
        assertEquals(65536, settings.maxBodyBytes());
        assertEquals("/recording-callback", settings.path());
    }

    @Test
    void readsRotatingDefaultKeysAndPerBizIdKeys() {
        CallbackSettings settings = CallbackSettings.from(config(
                "gme.callback.secret-key", " old , new ,",
                "gme.callback.secret-key.1400000000", "a1,a2",
                "GME_CALLBACK_SECRET_KEY_1400000001", "b"));
        assertTrue(settings.hasKeys());
        assertEquals(2, settings.keys().defaultKeys().size());
        assertEquals(2, settings.keys().keysFor(OptionalLong.of(1400000000L)).size());
        assertEquals(1, settings.keys().keysFor(OptionalLong.of(1400000001L)).size());
        assertEquals(settings.keys().defaultKeys(), settings.keys().keysFor(OptionalLong.of(5)));
    }

    @Test
    void perBizIdKeysAloneCountAsConfigured() {
        assertTrue(CallbackSettings.from(config("gme.callback.secret-key.7", "k")).hasKeys());
    }

    @Test
    void readsEncodingSizeAndPath() {
        CallbackSettings settings = CallbackSettings.from(config(
                "gme.callback.signature-encoding", "HEX",
                "gme.callback.max-body-bytes", "1024",
                "gme.callback.path", "/hooks/gme"));
        assertEquals(SignatureEncoding.HEX, settings.encoding());
        assertEquals(1024, settings.maxBodyBytes());
        assertEquals("/hooks/gme", settings.path());
    }

    @Test
    void refusesUnknownEncodingNamingTheKey() {
        assertRefused("gme.callback.signature-encoding", "gme.callback.signature-encoding", "sha1");
    }

    @Test
    void refusesNegativeZeroHugeAndNonNumericSizes() {
        for (String size : new String[] {"-1", "0", "16777217", "64k", "1.5"}) {
            assertRefused("gme.callback.max-body-bytes", "gme.callback.max-body-bytes", size);
        }
    }

    @Test
    void refusesPathsWithoutLeadingSlashOrWithWildcards() {
        for (String path : new String[] {"recording-callback", "/", "/a/", "/a/*", "/a b", "//a"}) {
            assertRefused("gme.callback.path", "gme.callback.path", path);
        }
    }

    @Test
    void refusesPerBizIdKeyThatIsNotANumberWithoutShowingItsValue() {
        InvalidSettingException e = assertRefused("gme.callback.secret-key.myapp",
                "gme.callback.secret-key.myapp", "top-secret");
        assertFalse(e.getMessage().contains("top-secret"));
    }

    @Test
    void refusesPerBizIdKeyHoldingOnlyCommas() {
        InvalidSettingException e = assertRefused("gme.callback.secret-key.7", "gme.callback.secret-key.7", " , ");
        assertTrue(e.getMessage().contains("holds no key"));
    }

    @Test
    void readsDeliveryDefaults() {
        CallbackSettings settings = CallbackSettings.from(config());
        assertEquals(new ReplayWindow(86_400, 300), settings.window());
        assertEquals(new DedupeSettings(DedupeSettings.Store.MEMORY, 86_701, 500_000, "java:comp/DefaultDataSource"),
                settings.dedupe());
    }

    @Test
    void readsDeliverySettings() {
        CallbackSettings settings = CallbackSettings.from(config(
                "gme.callback.max-age", "0",
                "gme.callback.dedupe.store", "JDBC",
                "gme.callback.dedupe.retention", "10",
                "gme.callback.dedupe.datasource", "java:app/jdbc/gme"));
        assertFalse(settings.window().isOn());
        assertEquals(new DedupeSettings(DedupeSettings.Store.JDBC, 10, 500_000, "java:app/jdbc/gme"), settings.dedupe());
    }

    @Test
    void refusesRetentionShorterThanTheReplayWindow() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> CallbackSettings.from(config(
                "gme.callback.max-age", "100", "gme.callback.max-clock-skew", "10", "gme.callback.dedupe.retention", "110")));
        assertEquals("gme.callback.dedupe.retention", e.key());
        assertTrue(e.getMessage().contains("more than gme.callback.max-age + gme.callback.max-clock-skew (110 seconds)"));
        // A second more than the window is enough (ReplayGapTest shows why exactly is not), and so
        // is any retention once the window is off.
        CallbackSettings.from(config("gme.callback.max-age", "100", "gme.callback.max-clock-skew", "10",
                "gme.callback.dedupe.retention", "111"));
        CallbackSettings.from(config("gme.callback.max-age", "0", "gme.callback.dedupe.retention", "1"));
    }

    @Test
    void refusesUnknownStoreAndNegativeWindow() {
        assertRefused("gme.callback.dedupe.store", "gme.callback.dedupe.store", "redis");
        assertRefused("gme.callback.max-age", "gme.callback.max-age", "-1");
        assertRefused("gme.callback.max-clock-skew", "gme.callback.max-clock-skew", "soon");
        assertRefused("gme.callback.dedupe.max-entries", "gme.callback.dedupe.max-entries", "0");
    }

    @Test
    void readsTheJournal() {
        assertEquals(new JournalSettings(JournalSettings.Store.MEMORY, 1000, 604_800, "java:comp/DefaultDataSource"),
                CallbackSettings.from(config()).journal());
        assertEquals(new JournalSettings(JournalSettings.Store.NONE, 5, 604_800, "java:comp/DefaultDataSource"),
                CallbackSettings.from(config("gme.callback.journal.store", "none", "gme.callback.journal.size", "5"))
                        .journal());
        assertEquals(new JournalSettings(JournalSettings.Store.JDBC, 1000, 3600, "java:app/jdbc/gme"),
                CallbackSettings.from(config("gme.callback.journal.store", "jdbc", "gme.callback.journal.retention",
                        "3600", "gme.callback.dedupe.datasource", "java:app/jdbc/gme")).journal(),
                "the dedupe store's datasource unless told otherwise");
        assertEquals("java:app/jdbc/journal", CallbackSettings.from(config("gme.callback.journal.datasource",
                "java:app/jdbc/journal")).journal().datasource());
    }

    @Test
    void refusesAJournalItCannotKeep() {
        assertRefused("gme.callback.journal.size", "gme.callback.journal.size", "0");
        assertRefused("gme.callback.journal.store", "gme.callback.journal.store", "file");
        assertRefused("gme.callback.journal.retention", "gme.callback.journal.retention", "-5");
    }

    @Test
    void refusesARetentionPastAHundredYearsInsteadOfOverflowing() {
        assertRefused("gme.callback.journal.retention", "gme.callback.journal.retention", "9223372036854775807");
        assertRefused("gme.callback.dedupe.retention", "gme.callback.dedupe.retention", "4000000000");
        assertEquals(3_155_760_000L, CallbackSettings.from(config("gme.callback.journal.retention", "3155760000"))
                .journal().retention());
    }

    @Test
    void readsTheDeliveryMode() {
        assertEquals(new DeliverySettings(DeliverySettings.Mode.SYNC, 24, 5, 60, 30), CallbackSettings.from(config()).delivery());
        DeliverySettings inbox = CallbackSettings.from(config("gme.callback.delivery", "inbox",
                "gme.callback.journal.store", "jdbc", "gme.callback.dedupe.store", "jdbc",
                "gme.callback.dedupe.datasource", "java:app/jdbc/gme",
                "gme.callback.inbox.max-attempts", "4", "gme.callback.inbox.first-retry-delay", "1",
                "gme.callback.inbox.dispatch-timeout", "2", "gme.callback.inbox.lease", "3")).delivery();
        assertEquals(new DeliverySettings(DeliverySettings.Mode.INBOX, 4, 1, 2, 3), inbox);
        assertTrue(inbox.inbox());
    }

    @Test
    void refusesAnInboxWithoutDurableSharedStores() {
        InvalidSettingException memory = assertThrows(InvalidSettingException.class, () -> CallbackSettings.from(
                config("gme.callback.delivery", "inbox", "gme.callback.dedupe.store", "jdbc")));
        assertEquals("gme.callback.delivery", memory.key());
        assertTrue(memory.getMessage().contains("inbox needs gme.callback.journal.store=jdbc and "
                + "gme.callback.dedupe.store=jdbc (they are memory and jdbc)"), memory.getMessage());
        InvalidSettingException apart = assertThrows(InvalidSettingException.class, () -> CallbackSettings.from(
                config("gme.callback.delivery", "inbox", "gme.callback.dedupe.store", "jdbc",
                        "gme.callback.journal.store", "jdbc", "gme.callback.journal.datasource", "java:app/jdbc/other")));
        assertTrue(apart.getMessage().contains("on one datasource"), apart.getMessage());
        assertRefused("gme.callback.delivery", "gme.callback.delivery", "async");
        assertRefused("gme.callback.inbox.max-attempts", "gme.callback.inbox.max-attempts", "0");
        assertRefused("gme.callback.inbox.first-retry-delay", "gme.callback.inbox.first-retry-delay", "0");
        assertRefused("gme.callback.inbox.first-retry-delay", "gme.callback.inbox.first-retry-delay", "3601");
        assertRefused("gme.callback.inbox.dispatch-timeout", "gme.callback.inbox.dispatch-timeout", "0");
        // Renewed every third of it: a lease under 3 s would be renewed more than once a second.
        assertRefused("gme.callback.inbox.lease", "gme.callback.inbox.lease", "2");
    }

    @Test
    void theLedgerFollowsTheJournalUnlessToldOtherwise() {
        assertEquals(new RecordingsSettings(RecordingsSettings.Store.MEMORY, 10_000, 2_592_000, 9000, 3600,
                "java:comp/DefaultDataSource"), CallbackSettings.from(config()).recordings());
        assertEquals(RecordingsSettings.Store.JDBC, CallbackSettings.from(config("gme.callback.journal.store", "jdbc"))
                .recordings().store());
        assertEquals(RecordingsSettings.Store.NONE, CallbackSettings.from(config("gme.callback.journal.store", "none"))
                .recordings().store());
        RecordingsSettings set = CallbackSettings.from(config("gme.callback.journal.store", "jdbc",
                "gme.callback.recordings.store", "memory", "gme.callback.recordings.size", "5",
                "gme.callback.recordings.recording-timeout", "60", "gme.callback.recordings.upload-timeout", "30"))
                .recordings();
        assertEquals(new RecordingsSettings(RecordingsSettings.Store.MEMORY, 5, 2_592_000, 60, 30,
                "java:comp/DefaultDataSource"), set);
    }

    @Test
    void refusesALedgerItCannotKeepOrThatWouldForgetAFileBeforeItIsOverdue() {
        assertRefused("gme.callback.recordings.store", "gme.callback.recordings.store", "file");
        assertRefused("gme.callback.recordings.size", "gme.callback.recordings.size", "0");
        assertRefused("gme.callback.recordings.upload-timeout", "gme.callback.recordings.upload-timeout", "0");
        assertRefused("gme.callback.recordings.recording-timeout", "gme.callback.recordings.recording-timeout", "x");
        InvalidSettingException purged = assertThrows(InvalidSettingException.class, () -> CallbackSettings.from(
                config("gme.callback.recordings.store", "jdbc", "gme.callback.recordings.retention", "9000")));
        assertEquals("gme.callback.recordings.retention", purged.key());
        assertTrue(purged.getMessage().contains("must be more than gme.callback.recordings.recording-timeout and "
                + "gme.callback.recordings.upload-timeout (9000 seconds)"), purged.getMessage());
        InvalidSettingException apart = assertThrows(InvalidSettingException.class, () -> CallbackSettings.from(
                config("gme.callback.dedupe.store", "jdbc", "gme.callback.journal.store", "jdbc",
                        "gme.callback.journal.datasource", "java:app/jdbc/other")));
        assertEquals("gme.callback.recordings.store", apart.key());
        assertTrue(apart.getMessage().contains("jdbc needs the journal and the dedupe store on one datasource"),
                apart.getMessage());
        assertEquals(RecordingsSettings.Store.NONE, CallbackSettings.from(config("gme.callback.dedupe.store", "jdbc",
                "gme.callback.journal.store", "jdbc", "gme.callback.journal.datasource", "java:app/jdbc/other",
                "gme.callback.recordings.store", "none")).recordings().store(), "the way out the message names");
    }

    @Test
    void readsTheConsole() {
        assertEquals(new ConsoleSettings(java.util.Optional.empty(), "/console"), CallbackSettings.from(config()).console());
        assertEquals(new ConsoleSettings(java.util.Optional.of(false), "/ops/gme"), CallbackSettings.from(config(
                "gme.callback.console.enabled", "FALSE", "gme.callback.console.path", "/ops/gme")).console());
        assertRefused("gme.callback.console.enabled", "gme.callback.console.enabled", "yes");
        assertRefused("gme.callback.console.path", "gme.callback.console.path", "console");
        InvalidSettingException same = assertThrows(InvalidSettingException.class, () -> CallbackSettings.from(config(
                "gme.callback.console.path", "/recording-callback")));
        assertEquals("gme.callback.console.path", same.key());
    }

    @Test
    void reportsEveryInvalidKeyAtOnce() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> CallbackSettings.from(config(
                "gme.callback.max-body-bytes", "-1",
                "gme.callback.signature-encoding", "rot13",
                "gme.callback.secret-key.app", "k",
                "gme.callback.console.enabled", "sometimes",
                "gme.callback.delivery", "inbox")));
        assertEquals(java.util.Set.of("gme.callback.max-body-bytes", "gme.callback.signature-encoding",
                "gme.callback.secret-key.app", "gme.callback.console.enabled", "gme.callback.delivery"),
                java.util.Set.copyOf(e.keys()));
        assertTrue(e.getMessage().startsWith("Invalid configuration, 5 keys: "), e.getMessage());
        for (String key : e.keys()) {
            assertTrue(e.getMessage().contains(key + ": "), key + " in " + e.getMessage());
        }
    }

    private static InvalidSettingException assertRefused(String expectedKey, String key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> CallbackSettings.from(config(key, value)), key + "=" + value);
        assertEquals(expectedKey, e.key());
        assertTrue(e.getMessage().startsWith("Invalid configuration " + expectedKey + ": "), e.getMessage());
        return e;
    }
}

package io.github.gmecallback.config;

import io.github.gmecallback.signature.HmacKey;
import io.github.gmecallback.signature.KeyRing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the receiver's keys from MicroProfile Config one by one, and keeps going past a value it
 * cannot use: each read returns the default instead and notes the problem, so that
 * {@link #failOnProblems()} reports every invalid key of a configuration at once, not one per
 * deployment attempt.
 */
final class SettingsReader {

    /** {@code gme.callback.secret-key.<BizID>}, as a property or in its environment form. */
    private static final Pattern PER_BIZ_ID_KEY =
            Pattern.compile("(?:gme\\.callback\\.secret-key\\.|GME_CALLBACK_SECRET_KEY_)(.*)");

    private final Config config;
    private final List<InvalidSettingException> problems = new ArrayList<>();

    SettingsReader(Config config) {
        this.config = config;
    }

    /** Notes a value the receiver cannot run with. */
    void problem(String key, String message) {
        problems.add(new InvalidSettingException(key, message));
    }

    /** @throws InvalidSettingException naming each problem noted, when there is any */
    void failOnProblems() {
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingException(problems);
        }
    }

    private Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip);
    }

    /** A text, such as a JNDI name. */
    String text(String key, String fallback) {
        return value(key).orElse(fallback);
    }

    /** A whole number from {@code min} to {@code max}. */
    long number(String key, long fallback, long min, long max) {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // noted below
        }
        problem(key, "must be a whole number from " + min + " to " + max + ", not '" + value.get() + "'");
        return fallback;
    }

    /** One of an enum's constants, by its name in any case. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.get())) {
                return constant;
            }
        }
        problem(key, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", not '" + value.get() + "'");
        return fallback;
    }

    /** {@code true} or {@code false}; empty when the key is not set. */
    Optional<Boolean> flag(String key) {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return Optional.of(Boolean.TRUE);
            case "false":
                return Optional.of(Boolean.FALSE);
            default:
                problem(key, "must be true or false, not '" + value.get() + "'");
                return Optional.empty();
        }
    }

    /** An exact URL path such as {@code /recording-callback}. */
    String path(String key, String fallback) {
        String path = value(key).orElse(fallback);
        if (!path.matches("(/[A-Za-z0-9._~!$&'()+,;=:@%-]+)+")) {
            problem(key, "must start with / and name an exact path "
                    + "(segments of URL path characters, no wildcard, no trailing /), not '" + path + "'");
            return fallback;
        }
        return path;
    }

    /** The default keys and those of each BizID that has keys of its own. */
    KeyRing keys() {
        List<HmacKey> defaults = value(CallbackSettings.SECRET_KEY).map(SettingsReader::splitKeys).orElse(List.of());
        Map<Long, List<HmacKey>> byBizId = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = PER_BIZ_ID_KEY.matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            String key = CallbackSettings.SECRET_KEY + "." + matcher.group(1);
            if (!matcher.group(1).matches("[0-9]{1,18}")) {
                problem(key, "the part after " + CallbackSettings.SECRET_KEY
                        + ". must be a BizID (the AppID, a whole number such as 1400000000)");
                continue;
            }
            // MicroProfile Config finds GME_CALLBACK_SECRET_KEY_<BizID> under the dotted name
            // in the environment only; another source may hold the environment form itself.
            List<HmacKey> keys = value(key).or(() -> value(name)).map(SettingsReader::splitKeys).orElse(List.of());
            if (keys.isEmpty()) {
                problem(key, "holds no key; give one or more comma-separated keys, or remove it to use "
                        + CallbackSettings.SECRET_KEY);
                continue;
            }
            byBizId.put(Long.parseLong(matcher.group(1)), keys);
        }
        return new KeyRing(defaults, byBizId);
    }

    private static List<HmacKey> splitKeys(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(HmacKey::of).toList();
    }
}

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
 * </table>
 *
 * <p>No key at all is valid: the receiver then deploys and answers every callback with 503,
 * failing closed.
 *
 * @param keys          the secret keys, by BizID
 * @param encoding      accepted form of the {@code Signature} header
 * @param maxBodyBytes  the largest body accepted, in bytes
 * @param path          the callback's path under an embedding module's context root
 */
public record CallbackSettings(KeyRing keys, SignatureEncoding encoding, int maxBodyBytes, String path) {

    /** The default keys, comma-separated. */
    public static final String SECRET_KEY = "gme.callback.secret-key";
    /** The encoding of the {@code Signature} header. */
    public static final String SIGNATURE_ENCODING = "gme.callback.signature-encoding";
    /** The body size limit. */
    public static final String MAX_BODY_BYTES = "gme.callback.max-body-bytes";
    /** The path of an embedded receiver. */
    public static final String PATH = "gme.callback.path";

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
        return new CallbackSettings(
                readKeys(config),
                readEncoding(config),
                readMaxBodyBytes(config),
                readPath(config));
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

    private static SignatureEncoding readEncoding(Config config) {
        return config.getOptionalValue(SIGNATURE_ENCODING, String.class)
                .map(value -> SignatureEncoding.parse(value).orElseThrow(() -> new InvalidSettingException(
                        SIGNATURE_ENCODING, "must be auto, base64 or hex, not '" + value + "'")))
                .orElse(SignatureEncoding.AUTO);
    }

    private static int readMaxBodyBytes(Config config) {
        Optional<String> value = config.getOptionalValue(MAX_BODY_BYTES, String.class);
        if (value.isEmpty()) {
            return DEFAULT_MAX_BODY_BYTES;
        }
        String problem = "must be a whole number of bytes from 1 to " + MAX_MAX_BODY_BYTES
                + ", not '" + value.get() + "'";
        try {
            int bytes = Integer.parseInt(value.get().strip());
            if (bytes < 1 || bytes > MAX_MAX_BODY_BYTES) {
                throw new InvalidSettingException(MAX_BODY_BYTES, problem);
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(MAX_BODY_BYTES, problem);
        }
    }

    private static String readPath(Config config) {
        String path = config.getOptionalValue(PATH, String.class).map(String::strip).orElse(DEFAULT_PATH);
        if (!path.matches("(/[A-Za-z0-9._~!$&'()+,;=:@%-]+)+")) {
            throw new InvalidSettingException(PATH, "must start with / and name an exact path "
                    + "(segments of URL path characters, no wildcard, no trailing /), not '" + path + "'");
        }
        return path;
    }
}

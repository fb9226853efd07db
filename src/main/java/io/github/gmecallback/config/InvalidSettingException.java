package io.github.gmecallback.config;

/**
 * A configuration value the receiver cannot run with. Thrown at deployment, it fails it; the
 * message names the key and says what would be valid.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * A refused setting.
     *
     * @param key     the configuration key, e.g. {@code gme.callback.max-body-bytes}
     * @param problem what is wrong and what would be valid; never a secret's value
     */
    public InvalidSettingException(String key, String problem) {
        super("Invalid configuration " + key + ": " + problem);
        this.key = key;
    }

    /**
     * The key whose value is refused.
     *
     * @return the configuration key
     */
    public String key() {
        return key;
    }
}

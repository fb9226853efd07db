package io.github.gmecallback.config;

/**
 * A configuration value the receiver cannot run with, or several. Thrown at deployment, it fails
 * it; the message names each key and says what would be valid.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final java.util.List<String> keys;

    /**
     * A refused setting.
     *
     * @param key     the configuration key, e.g. {@code gme.callback.max-body-bytes}
     * @param problem what is wrong and what would be valid; never a secret's value
     */
    public InvalidSettingException(String key, String problem) {
        super("Invalid configuration " + key + ": " + problem);
        this.key = key;
        this.keys = java.util.List.of(key);
    }

    /**
     * Several refused settings, in one message: {@code Invalid configuration, 2 keys:} and a
     * line each.
     *
     * @param problems each refused setting
     */
    public InvalidSettingException(java.util.List<InvalidSettingException> problems) {
        super("Invalid configuration, " + problems.size() + " keys: " + problems.stream()
                .map(p -> p.getMessage().substring("Invalid configuration ".length()))
                .collect(java.util.stream.Collectors.joining("; ")));
        this.key = problems.get(0).key();
        this.keys = problems.stream().map(InvalidSettingException::key).toList();
    }

    /**
     * The key whose value is refused (the first, where there are several).
     *
     * @return the configuration key
     */
    public String key() {
        return key;
    }

    /**
     * Every key whose value is refused.
     *
     * @return the configuration keys, in the order they were read
     */
    public java.util.List<String> keys() {
        return keys;
    }
}

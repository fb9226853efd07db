package io.github.gmecallback.config;

import java.util.Optional;

/**
 * The operator console.
 *
 * @param enabled whether to serve it, when configured; empty: the hosting module decides (on in
 *                our WAR, off embedded)
 * @param path    where it is served, under the hosting module's context root
 */
public record ConsoleSettings(Optional<Boolean> enabled, String path) {

    /** The console's default path. */
    public static final String DEFAULT_PATH = "/console";
}

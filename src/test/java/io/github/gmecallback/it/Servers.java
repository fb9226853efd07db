package io.github.gmecallback.it;

/** The server the integration tests run on, as the build names it ({@code gme.it.server}). */
public enum Servers {
    WILDFLY,
    PAYARA;

    public static Servers current() {
        return valueOf(System.getProperty("gme.it.server", "wildfly").toUpperCase(java.util.Locale.ROOT));
    }
}

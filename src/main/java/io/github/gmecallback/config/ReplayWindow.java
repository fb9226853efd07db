package io.github.gmecallback.config;

import java.time.Instant;
import java.util.Optional;

/**
 * The time a signed callback stays valid: its {@code Timestamp} may be at most {@code maxAge}
 * seconds old and at most {@code maxClockSkew} seconds in the future. Outside the window even a
 * correctly signed callback is refused, so a captured callback cannot be replayed forever.
 * A {@code maxAge} of 0 turns the window off (both bounds). It is judged by the clock the dedupe
 * store forgets by (the database's for {@code jdbc}), so that its edge and the store's retention
 * cannot drift apart.
 *
 * @param maxAge       seconds; 0 turns the window off
 * @param maxClockSkew seconds a {@code Timestamp} may lie ahead of the clock it is judged by
 */
public record ReplayWindow(long maxAge, long maxClockSkew) {

    /**
     * Whether the window is on; then {@code Timestamp} is required.
     *
     * @return {@code true} unless {@code maxAge} is 0
     */
    public boolean isOn() {
        return maxAge > 0;
    }

    /**
     * Which bound a callback's {@code Timestamp} crosses, if any. Both bounds are inclusive:
     * exactly {@code maxAge} seconds old is still inside.
     *
     * @param timestamp the signed {@code Timestamp}, Unix seconds
     * @param now       the time by the dedupe store's clock
     * @return the bound crossed, or empty when inside (or the window is off)
     */
    public Optional<Crossing> check(long timestamp, Instant now) {
        if (!isOn()) {
            return Optional.empty();
        }
        long age = now.getEpochSecond() - timestamp;
        if (age > maxAge) {
            return Optional.of(new Crossing(false,
                    "Timestamp is older than " + maxAge + " seconds (gme.callback.max-age)"));
        }
        if (-age > maxClockSkew) {
            return Optional.of(new Crossing(true, "Timestamp is more than " + maxClockSkew
                    + " seconds in the future (gme.callback.max-clock-skew)"));
        }
        return Optional.empty();
    }

    /**
     * A bound a {@code Timestamp} crossed.
     *
     * @param future  {@code true} for the future bound, {@code false} for the age bound
     * @param message which bound, in words safe to answer with
     */
    public record Crossing(boolean future, String message) {
    }
}

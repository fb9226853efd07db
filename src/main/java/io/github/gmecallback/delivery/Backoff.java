package io.github.gmecallback.delivery;

import io.github.gmecallback.config.DeliverySettings;
import java.time.Duration;

/**
 * When an {@code inbox} entry is tried again: the first retry after
 * {@code gme.callback.inbox.first-retry-delay} seconds, each later one after twice the delay
 * before it, never more than an hour. With the defaults (5 s, 24 attempts) the delays are 5 s,
 * 10 s, 20 s, ... 2560 s, then 3600 s thirteen times: the last attempt comes about 14.4 hours
 * after the first.
 */
public final class Backoff {

    private final long firstSeconds;

    /**
     * A schedule.
     *
     * @param firstRetryDelay seconds before the second attempt (&gt; 0)
     */
    public Backoff(int firstRetryDelay) {
        if (firstRetryDelay <= 0) {
            throw new IllegalArgumentException("the first retry delay must be positive: " + firstRetryDelay);
        }
        this.firstSeconds = firstRetryDelay;
    }

    /**
     * How long to wait after a failed attempt.
     *
     * @param attempts the attempts made so far (1 after the first)
     * @return the delay before the next one
     */
    public Duration after(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("no attempt was made yet: " + attempts);
        }
        // 2^12 * 1 s already passes the hour: shifting further cannot add anything but overflow.
        long seconds = firstSeconds << Math.min(attempts - 1, 12);
        return Duration.ofSeconds(Math.min(seconds, DeliverySettings.MAX_RETRY_DELAY));
    }

    /**
     * How long after the first attempt the last one comes, when every attempt fails.
     *
     * @param maxAttempts the attempts before an entry is dead
     * @return the sum of the delays between them
     */
    public Duration span(int maxAttempts) {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plus(after(attempt));
        }
        return total;
    }
}

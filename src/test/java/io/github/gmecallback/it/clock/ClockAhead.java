package io.github.gmecallback.it.clock;

import io.github.gmecallback.receiver.ServerTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** Makes a deployment a server whose clock runs {@value #SECONDS} s ahead. */
@ApplicationScoped
public class ClockAhead {

    /** How far ahead. */
    public static final int SECONDS = 40;

    @Produces
    @ServerTime
    Clock ahead() {
        return Clock.offset(Clock.systemUTC(), Duration.ofSeconds(SECONDS));
    }
}

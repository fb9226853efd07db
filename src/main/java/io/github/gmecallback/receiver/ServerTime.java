package io.github.gmecallback.receiver;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The {@link java.time.Clock} the receiver reads this server's time from: the system clock,
 * unless the application produces one with this qualifier. Nothing but a test does: two
 * deployments in one JVM whose clocks differ are two servers of a cluster whose clocks differ,
 * and show that the times the servers compare come from the database's clock, not their own.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface ServerTime {
}

package io.github.gmecallback.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Marks a test class of the store suite: the tests that prove what a {@code jdbc} store does on
 * its database, written once and run on each database of the run ({@link StoreDatabase}). The
 * class's constructor takes the {@link StoreDatabase}; each test makes a {@link FreshDatabase} of
 * its own from it.
 *
 * <p>{@code ./mvnw test} runs the suite on H2; the build's {@code jdbc-it} run, on PostgreSQL
 * and MariaDB, selects the classes by this annotation's tag, {@value #TAG}. A test that is about
 * H2 itself or a stand-in for a database (a datasource that is down, a driver that only notes
 * its timeouts) does not belong here: it runs once, in a class without this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "on {0}")
@MethodSource("io.github.gmecallback.jdbc.StoreDatabase#inThisRun")
@Tag(StoreSuite.TAG)
public @interface StoreSuite {

    /** The tag of the suite's classes. */
    String TAG = "store-suite";
}

package io.github.gmecallback.recording;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a {@link RecordingCallback} of {@code EventType} 1: recording of an audio file started.
 *
 * <pre>{@code
 * void on(@Observes @RecordingStarted RecordingCallback cb) { ... }
 * void later(@ObservesAsync @RecordingStarted RecordingCallback cb) { ... }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface RecordingStarted {

    /** The qualifier as a value, for {@code Event.select(...)} and {@code Instance.select(...)}. */
    final class Literal extends AnnotationLiteral<RecordingStarted> implements RecordingStarted {
        private static final long serialVersionUID = 1L;

        /** The one instance. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {
        }
    }
}

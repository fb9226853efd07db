package io.github.gmecallback.recording;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a {@link RecordingCallback} of {@code EventType} 3: an audio file's upload completed.
 *
 * <pre>{@code
 * void on(@Observes @UploadCompleted RecordingCallback cb) { ... }
 * void later(@ObservesAsync @UploadCompleted RecordingCallback cb) { ... }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface UploadCompleted {

    /** The qualifier as a value, for {@code Event.select(...)} and {@code Instance.select(...)}. */
    final class Literal extends AnnotationLiteral<UploadCompleted> implements UploadCompleted {
        private static final long serialVersionUID = 1L;

        /** The one instance. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {
        }
    }
}

package io.github.gmecallback.delivery;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import io.github.gmecallback.recording.RecordingEventType;
import java.util.logging.Logger;

/**
 * The INFO line operators grep for: one per accepted callback, with the word {@code accepted},
 * its type and the ids that find it again.
 *
 * <pre>
 * accepted UPLOAD_COMPLETED callback: BizID=1400000000 RoomID=100 UserID=999 TaskID=446946705284000000 SeqNo=0 FileName=...
 * </pre>
 *
 * <p>A repeat of a callback processed before is logged as {@code duplicate}, never as
 * {@code accepted}, and rate-limited ({@link DuplicateLog}).
 *
 * <p>The strings come from a signed body but are still GME's data: control characters in them
 * are escaped so that no callback can forge a log line.
 */
public final class CallbackLog {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private CallbackLog() {
    }

    /**
     * Logs a callback every synchronous observer accepted.
     *
     * @param callback the callback
     */
    public static void accepted(RecordingCallback callback) {
        LOG.info(() -> "accepted " + describe(callback));
    }

    static String describe(RecordingCallback callback) {
        RecordingDetail detail = callback.detail();
        String type = callback.type().name();
        if (callback.type() == RecordingEventType.UNKNOWN) {
            type = "EventType " + callback.eventType() + " (unknown type)";
        }
        return type + " callback: BizID=" + callback.bizId()
                + " RoomID=" + printable(callback.roomId())
                + " UserID=" + printable(callback.userId())
                + " TaskID=" + callback.taskId()
                + " SeqNo=" + (detail == null ? "-" : Long.toString(detail.seqNo()))
                + " FileName=" + (detail == null ? "-" : printable(detail.fileName()));
    }

    /** The text with control characters written as {@code \\uXXXX}, so it stays on one line. */
    static String printable(String text) {
        if (text == null) {
            return "-";
        }
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return escaped(text, i);
            }
        }
        return text; // as nearly every callback's: nothing to copy
    }

    private static String escaped(String text, int firstControl) {
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, firstControl);
        for (int i = firstControl; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}

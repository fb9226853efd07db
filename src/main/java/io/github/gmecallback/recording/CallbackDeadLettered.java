package io.github.gmecallback.recording;

/**
 * An {@code inbox} callback the receiver gave up on: every one of its
 * {@code gme.callback.inbox.max-attempts} dispatches failed, and its journal entry is now
 * {@code DEAD}. Fired asynchronously, once per entry, after the entry was marked; a dead entry is
 * dispatched again only when someone replays it ({@code CallbackJournal.replay}).
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class DeadLetterAlerts {
 *     @Inject Pager pager;
 *
 *     void page(@ObservesAsync CallbackDeadLettered dead) {
 *         pager.send("GME callback " + dead.entryId() + " (TaskID " + dead.callback().taskId()
 *                 + ") failed " + dead.attempts() + " times: " + dead.lastError());
 *     }
 * }
 * }</pre>
 *
 * @param entryId   the journal entry's id, to read or replay it
 * @param callback  the callback
 * @param attempts  how often it was dispatched
 * @param lastError the last failure: exception class and message, at most 500 characters
 */
public record CallbackDeadLettered(long entryId, RecordingCallback callback, int attempts, String lastError) {
}

package io.github.gmecallback.recording;

import java.time.Duration;
import java.time.Instant;

/**
 * A recording file whose callbacks stopped coming: it stayed
 * {@link RecordingFileState#RECORDING} longer than {@code gme.callback.recordings.recording-timeout},
 * or {@link RecordingFileState#COMPLETED} longer than {@code gme.callback.recordings.upload-timeout}.
 * The ledger's sweep fires it asynchronously, once per file and state, once in a cluster with the
 * {@code jdbc} ledger (the server that marks the file overdue fires it). Alert on it:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class LateUploads {
 *     @Inject Pager pager;
 *
 *     void alert(@ObservesAsync RecordingFileOverdue late) {
 *         pager.send("task " + late.file().taskId() + ", file " + late.file().seqNo() + " of user "
 *                 + late.file().userId() + ": " + late.state() + " since " + late.since());
 *     }
 * }
 * }</pre>
 *
 * A callback that comes after all moves the file on as usual, and it stops being overdue (no
 * second event says so: the ledger does).
 *
 * <p>Its observers run one at a time, on one thread of the server's managed executor at most, so
 * that a burst of overdue files (thousands after an outage of GME's callbacks) delays no callback.
 * At most 2 000 events wait for them; past that an event is dropped, counted in a WARNING a minute,
 * and never fired again: its file stays overdue in {@code RecordingLedger.overdue()}, which a slow
 * observer can read to catch up.
 *
 * @param file    the file, as the ledger holds it when it was found overdue
 * @param state   the state it is stuck in
 * @param since   since when it is in that state
 * @param timeout how long a file may stay in that state, as configured when it was found
 */
public record RecordingFileOverdue(RecordingFile file, RecordingFileState state, Instant since, Duration timeout) {
}

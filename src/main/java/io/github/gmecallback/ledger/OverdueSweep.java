package io.github.gmecallback.ledger;

import io.github.gmecallback.config.RecordingsSettings;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileOverdue;
import io.github.gmecallback.recording.RecordingFileState;
import io.github.gmecallback.telemetry.Figures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Finds the files whose callbacks stopped coming, every minute on the server's managed scheduled
 * executor (more often where a timeout is shorter than two minutes: every half timeout, at least
 * every second), and announces each once as a {@link RecordingFileOverdue}. With the {@code jdbc}
 * ledger every server sweeps, and the one whose {@code UPDATE} marks a file is the one that
 * fires its event, so a cluster fires it once. The event is fired after the mark committed: a
 * server that dies in between loses that event, and the ledger still shows the file overdue.
 *
 * <p>After an outage one sweep may mark 2 000 files at once. Their events go to the observers
 * through a lane of their own (one at a time, a bounded queue), so that slow observers of a burst
 * delay no inbox dispatch; an event the full queue cannot take is dropped, with a WARNING a minute,
 * and its file stays marked overdue in the ledger.
 */
public final class OverdueSweep {

    /** At most this many files per state and sweep; a longer backlog takes the sweeps after. */
    static final int BATCH = 1000;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final LedgerStore store;
    private final Duration recordingTimeout;
    private final Duration uploadTimeout;
    private final Consumer<RecordingFileOverdue> fire;
    private final Figures figures;
    private ScheduledFuture<?> schedule;

    /**
     * A sweep.
     *
     * @param store    the ledger
     * @param settings its timeouts
     * @param fire     fires the event asynchronously, and never throws nor blocks
     * @param figures  where each sweep leaves how many files are overdue, for the gauge
     */
    public OverdueSweep(LedgerStore store, RecordingsSettings settings, Consumer<RecordingFileOverdue> fire,
            Figures figures) {
        this.store = store;
        this.recordingTimeout = settings.recordingTimeoutDuration();
        this.uploadTimeout = settings.uploadTimeoutDuration();
        this.fire = fire;
        this.figures = figures;
    }

    /**
     * How often the sweep runs: every minute, or every half of the shorter timeout where that is less.
     *
     * @return the period
     */
    Duration period() {
        Duration half = (recordingTimeout.compareTo(uploadTimeout) < 0 ? recordingTimeout : uploadTimeout).dividedBy(2);
        return half.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1)
                : half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
    }

    /**
     * Schedules the sweep, at most once.
     *
     * @param scheduler the server's managed scheduled executor
     */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (schedule == null && store != LedgerStore.NONE) {
            long period = period().toMillis();
            schedule = scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Cancels the sweep, as the application stops. */
    public synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    /**
     * Sweeps now: marks the files that became overdue and fires an event for each this server marked.
     *
     * @return how many it marked; 0 when the database failed (logged)
     */
    public int sweep() {
        List<RecordingFile> marked;
        try {
            marked = store.markOverdue(recordingTimeout, uploadTimeout, BATCH);
            if (figures.watched()) {
                figures.overdue(store.overdueCount());
            }
        } catch (StoreUnavailableException | RuntimeException e) {
            // Caught whatever it is: an exception would end the periodic sweep for good.
            LOG.warning(() -> "the overdue sweep of the recording ledger failed (" + e.getMessage()
                    + "); trying again at the next one");
            return 0;
        }
        if (!marked.isEmpty()) {
            // One line per sweep, however many: after an outage of GME's callbacks there may be thousands.
            RecordingFile first = marked.get(0);
            LOG.warning(() -> marked.size() + " recording file(s) became overdue, the first of TaskID "
                    + first.taskId() + " (" + first.state() + " since " + first.stateSince() + ")");
        }
        for (RecordingFile file : marked) {
            Duration timeout = file.state() == RecordingFileState.RECORDING ? recordingTimeout : uploadTimeout;
            fire.accept(new RecordingFileOverdue(file, file.state(), file.stateSince(), timeout));
        }
        return marked.size();
    }
}

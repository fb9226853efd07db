package io.github.gmecallback.delivery;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.JdbcJournalStore;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.recording.RecordingCallback;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * {@code sync} delivery on a {@code jdbc} journal, which also dispatches the callbacks an earlier
 * {@code inbox} deployment accepted (answered {@code 200}) and left {@link Outcome#PENDING}: nothing
 * answered 200 is stranded by a switch from {@code inbox} to {@code sync}.
 *
 * <p>New callbacks go to {@link SyncDelivery}, as ever; none enters the inbox. Beside them the
 * server runs the inbox's own sweep ({@link InboxSweep}) over the journal's table, from start-up
 * and every {@value InboxSweep#SECONDS} s, exactly as {@code inbox} delivery dispatches: each entry
 * leased (one dispatch in the whole cluster at a time), its signature verified again, claimed,
 * its observers run, settled, retried with the back-off, {@link Outcome#DEAD} with one
 * {@code CallbackDeadLettered} after {@code gme.callback.inbox.max-attempts}. The first sweep
 * counts the entries waiting and says so: at WARNING when some wait, naming what it does. Those are
 * what it drains: an entry a live {@code inbox} server accepts later (in a rolling switch) is that
 * server's to dispatch. Once none of them is left {@code PENDING} it says so at INFO and stops
 * sweeping for good; a deployment whose journal never held an inbox entry reads one count at
 * start-up, and nothing more.
 *
 * <p>What a drained entry is promised depends on the dedupe store of this deployment:
 * <ul>
 * <li>{@code jdbc} on the journal's datasource (what {@code inbox} required): the same as in
 *     {@code inbox} delivery. The dedupe record, the observers' writes on that datasource and the
 *     entry's outcome commit in one JTA transaction, and the callback is processed once across
 *     the cluster.</li>
 * <li>anything else ({@code memory}, {@code none}, or {@code jdbc} on another datasource): the
 *     observers run in the claim's transaction where the store has one, and the outcome is
 *     written right after the claim succeeded. The lease still keeps two servers from dispatching
 *     an entry at once, but a repeat is recognised only as far as the store reaches: with
 *     {@code memory}, on the server that processed it; so a server dying between the observers
 *     and the outcome, or a copy of the callback GME sent again to another server, may reach the
 *     observers twice.</li>
 * </ul>
 *
 * <p>A pause of {@code inbox} dispatch holds the drain too: the database refuses the lease while
 * the pause's row says so, whoever asks. While entries wait this delivery is therefore
 * {@link #pausable()}, so that an operator can resume (or pause) it in the console or through
 * {@code CallbackJournal}, like in {@code inbox} delivery; once none is left it is plain
 * {@code sync}.
 */
public final class InboxDrain implements Delivery {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    /** The inbox entries waiting for an attempt, or under one, up to an id: how many, and the last id. */
    private static final String WAITING = "SELECT COUNT(*), MAX(id) FROM gme_callback_journal "
            + "WHERE due_at IS NOT NULL AND outcome = 'PENDING' AND id <= ?";

    private enum State {
        /** Not counted yet. */
        LOOKING,
        /** Entries wait, and are dispatched. */
        DRAINING,
        /** None is left: plain {@code sync}. */
        DONE
    }

    private final Delivery sync;
    private final JdbcJournalStore store;
    private final InboxSweep sweep;
    private final boolean outcomeWithClaim;
    private volatile State state = State.LOOKING;
    /** The last entry an inbox deployment left, as counted at start-up: later ones are a live inbox server's. */
    private long lastLeft = Long.MAX_VALUE;
    private boolean unreadSaid;

    /**
     * {@code sync} delivery on a {@code jdbc} journal. Touches no database before {@link #start}.
     *
     * @param sync      the delivery of new callbacks
     * @param parts     what a dispatch needs; its journal is {@code jdbc}
     * @param executor  the server's managed executor, which dispatches
     * @param scheduler the server's managed scheduled executor, which sweeps, retries and renews leases
     * @throws IllegalArgumentException where the journal is not {@code jdbc}
     */
    public InboxDrain(Delivery sync, InboxDispatch.Parts parts, Executor executor,
            ScheduledExecutorService scheduler) {
        this.sync = sync;
        this.store = parts.journal().table().orElseThrow(() -> new IllegalArgumentException(
                "only a jdbc journal holds inbox entries"));
        this.sweep = new InboxSweep(parts, store, executor, scheduler);
        this.outcomeWithClaim = parts.outcomeWithClaim();
    }

    @Override
    public Answer deliver(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
            String traceparent) {
        return sync.deliver(callback, body, signature, remoteAddress, traceparent);
    }

    @Override
    public JournalEntry replay(JournalEntry original, boolean unlessReplayed) throws StoreUnavailableException {
        return sync.replay(original, unlessReplayed);
    }

    /** Whether entries an inbox deployment left are being dispatched: then the console resumes (or pauses) them. */
    @Override
    public boolean pausable() {
        return state == State.DRAINING;
    }

    @Override
    public DispatchState dispatchState() throws StoreUnavailableException {
        return state == State.DRAINING ? sweep.state() : DispatchState.RUNNING;
    }

    @Override
    public Optional<InFlight> inFlight(long id) throws StoreUnavailableException {
        return state == State.DRAINING ? sweep.inFlight(id) : Optional.empty();
    }

    @Override
    public DispatchState pause(String by) throws StoreUnavailableException {
        return draining().pause(by);
    }

    @Override
    public DispatchState resume(String by) throws StoreUnavailableException {
        return draining().resume(by);
    }

    private InboxSweep draining() {
        if (state != State.DRAINING) {
            throw new IllegalStateException(NO_PAUSE);
        }
        return sweep;
    }

    /** Starts the sweep, which counts what waits at once. */
    @Override
    public void start() {
        sync.start();
        sweep.start(this::sweep);
    }

    @Override
    public void stop() {
        sweep.stop();
        sync.stop();
    }

    /** One sweep; one at a time, as a resume's sweep may meet the periodic one. */
    private synchronized void sweep() throws SQLException {
        long[] waiting;
        try {
            waiting = waiting();
        } catch (SQLException e) {
            if (state == State.DRAINING) {
                throw e;
            }
            // Not known to be an inbox's journal: one WARNING, not one every sweep while the database is down.
            if (!unreadSaid) {
                unreadSaid = true;
                LOG.warning(() -> "sync delivery: whether an inbox deployment left callbacks to dispatch in "
                        + "gme_callback_journal cannot be read yet (" + e.getMessage() + "); looked for again every "
                        + InboxSweep.SECONDS + " s");
            }
            return;
        }
        if (waiting[0] == 0) {
            if (state == State.DRAINING) {
                LOG.info("sync delivery: every callback an inbox deployment left is settled; "
                        + "gme_callback_journal is no longer swept");
            } else {
                LOG.fine("sync delivery: no callback an inbox deployment left waits in gme_callback_journal");
            }
            state = State.DONE;
            sweep.stop();
            return;
        }
        if (state == State.LOOKING) {
            state = State.DRAINING;
            lastLeft = waiting[1];
            LOG.warning(() -> waitingMessage(waiting[0]));
        }
        sweep.handDue(lastLeft);
    }

    /**
     * How many entries an inbox deployment left, and the last one's id, without creating any of
     * the inbox's own tables. Only those there at start-up count: an entry a live inbox server
     * accepts later (in a rolling switch) is that server's to dispatch.
     */
    private long[] waiting() throws SQLException {
        store.ensureTable();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement(WAITING)) {
            count.setLong(1, lastLeft);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    private String waitingMessage(long waiting) {
        StringBuilder message = new StringBuilder("sync delivery: ").append(waiting)
                .append(waiting == 1 ? " callback" : " callbacks")
                .append(" accepted by an inbox deployment wait PENDING in gme_callback_journal; this server dispatches "
                        + "them as inbox delivery does (one lease per entry, retried with the back-off, DEAD after ")
                .append(CallbackSettings.INBOX_MAX_ATTEMPTS).append("), and no new callback enters the inbox, until "
                        + "none is left");
        if (!outcomeWithClaim) {
            message.append("; ").append(CallbackSettings.DEDUPE_STORE).append(" is not jdbc on the journal's "
                    + "datasource, so an entry's outcome is written after its observers rather than with them, and a "
                    + "repeat is recognised only as far as that store reaches");
        }
        try {
            DispatchState state = sweep.state();
            if (state.paused()) {
                message.append("; dispatch is paused since ").append(state.changed()).append(" by ")
                        .append(state.by()).append(": resume it in the console (or CallbackJournal.resume) to "
                                + "dispatch them");
            }
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "sync delivery: whether inbox dispatch is paused cannot be read: " + e.getMessage());
        }
        return message.toString();
    }
}

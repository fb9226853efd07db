package io.github.gmecallback.delivery;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.recording.RecordingCallback;
import java.sql.SQLException;

/**
 * The one sequence every delivery runs once a callback is claimed, in {@code sync} and
 * {@code inbox} delivery and for every replay:
 * <ol>
 * <li>the recording ledger records the callback's file, in the claim's transaction where the
 *     dedupe store is {@code jdbc}, so that the observers see the file as the callback leaves it;</li>
 * <li>the synchronous observers, with the claim's transaction open where the dedupe store is
 *     {@code jdbc} (their writes on the same datasource join it);</li>
 * <li>what the delivery settles in that transaction ({@code inbox}: the entry's outcome);</li>
 * <li>the claim succeeds: the dedupe record, and with {@code jdbc} the commit;</li>
 * <li>the INFO line, and the asynchronous observers, after the commit.</li>
 * </ol>
 * Whatever fails takes the ledger's change back and makes the claim fail (a rollback, and the
 * callback forgotten so that it is processed anew), {@link Error}s included, so that no claim stays open on the thread; a
 * {@link VirtualMachineError} then goes on up.
 */
final class Dispatch {

    /** How a dispatch ended. */
    enum Ending {
        /** Every synchronous observer returned, and the claim committed. */
        PROCESSED,
        /** The recording ledger failed before any observer ran: rolled back. */
        LEDGER_FAILED,
        /** A synchronous observer threw: rolled back. */
        OBSERVER_FAILED,
        /** The settlement or the commit failed: rolled back. */
        STORE_FAILED
    }

    /**
     * How a dispatch ended, and what failed.
     *
     * @param ending  how it ended
     * @param failure what an observer or the store threw; {@code null} when processed
     */
    record Result(Ending ending, Throwable failure) {

        static final Result PROCESSED = new Result(Ending.PROCESSED, null);
    }

    /** Work in the claim's transaction, after the synchronous observers, committed with them. */
    @FunctionalInterface
    interface Settlement {

        /** Nothing to settle in the transaction. */
        Settlement NONE = () -> {
        };

        void inTransaction() throws SQLException, StoreUnavailableException;
    }

    private final CallbackEvents events;
    private final LedgerStore ledger;

    Dispatch(CallbackEvents events, LedgerStore ledger) {
        this.events = events;
        this.ledger = ledger;
    }

    /**
     * Runs the sequence for a claimed callback.
     *
     * @param callback   the callback
     * @param claim      its {@link Claim.Outcome#CLAIMED} claim
     * @param replay     whether it is replayed on purpose (not logged as {@code accepted})
     * @param settlement what to settle in the claim's transaction
     * @return how it ended
     */
    Result run(RecordingCallback callback, Claim claim, boolean replay, Settlement settlement) {
        Ending failing = Ending.LEDGER_FAILED;
        LedgerStore.Change change = LedgerStore.Change.NONE;
        try {
            change = ledger.record(callback);
            failing = Ending.OBSERVER_FAILED;
            events.fireSync(callback);
            failing = Ending.STORE_FAILED;
            settlement.inTransaction();
            claim.succeeded();
        } catch (RuntimeException | Error | SQLException | StoreUnavailableException e) {
            // Undone before the claim ends: a repeat waiting on the claim then finds the file as it was.
            change.undo();
            claim.failed();
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return new Result(failing, e);
        }
        if (!replay) {
            CallbackLog.accepted(callback);
        }
        events.fireAsync(callback);
        return Result.PROCESSED;
    }

    /**
     * Binds a journaled entry's bytes again, for a replay or an inbox dispatch.
     *
     * @param reader the application's reader
     * @param entry  the entry
     * @return the callback
     * @throws IllegalStateException if the bytes no longer bind (settings changed since: the
     *                               window's {@code Timestamp} rule)
     */
    static RecordingCallback bind(CallbackReader reader, JournalEntry entry) {
        try {
            return reader.read(entry.body());
        } catch (MalformedCallbackException e) {
            throw new IllegalStateException("entry " + entry.id() + " no longer binds: " + e.getMessage(), e);
        }
    }
}

package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.jdbc.OutsideTransaction;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.Transactions;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.telemetry.Figures;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@code inbox} callback's journal entry commits on its own before the 200, outside any
 * transaction the host application has open around the request: a host that rolls back after the
 * answer loses nothing. Where the request runs in no transaction, nothing is suspended.
 */
@StoreSuite
class InboxDeliveryTest {

    private final InboxFixture inbox;
    /** The dispatches handed to the managed executor, run when the test says. */
    private final List<Runnable> dispatches = new ArrayList<>();
    /** How often the transaction was suspended. */
    private final AtomicInteger suspensions = new AtomicInteger();

    InboxDeliveryTest(StoreDatabase on) throws Exception {
        inbox = new InboxFixture(on);
    }

    @AfterEach
    void close() throws Exception {
        inbox.close();
    }

    /** An inbox whose host transaction is suspended as the server's {@code @Transactional(NOT_SUPPORTED)} does. */
    private InboxDelivery inbox() {
        return inbox(new OutsideTransaction() {
            @Override
            public <T> T call(Transactions.Work<T> work) throws StoreUnavailableException {
                suspensions.incrementAndGet();
                Connection host = inbox.transactions.suspend();
                try {
                    return work.run();
                } finally {
                    inbox.transactions.resume(host);
                }
            }
        });
    }

    private InboxDelivery inbox(OutsideTransaction outside) {
        return new InboxDelivery(inbox.parts(inbox.jdbcDedupe(), true, outside), dispatches::add, inbox.scheduler,
                new Figures(inbox.clock, true, false));
    }

    private Answer deliver(InboxDelivery delivery, long taskId) throws Exception {
        byte[] body = InboxFixture.body(taskId);
        return delivery.deliver(inbox.bound(body), body, InboxFixture.signature(body), "10.0.0.1", null);
    }

    private long journaled(long taskId) throws Exception {
        return inbox.count("SELECT COUNT(*) FROM gme_callback_journal WHERE task_id = " + taskId);
    }

    @Test
    void aCallbackAnsweredInsideAHostTransactionStaysJournaledAndIsProcessedWhenTheHostRollsBack() throws Exception {
        InboxDelivery delivery = inbox();
        inbox.transactions.begin(); // the host's filter, around the request
        Answer answer = deliver(delivery, 1);
        inbox.transactions.rollback(); // ... and its rollback after the answer

        assertEquals(Answer.OK, answer);
        assertEquals(1, suspensions.get());
        assertEquals(1, journaled(1), "committed on its own, before the 200");
        assertEquals(1, dispatches.size(), "handed to the executor, leased to this server");
        dispatches.forEach(Runnable::run);
        assertEquals(List.of(1L), inbox.observed.syncTasks());
        assertEquals(1, inbox.count("SELECT COUNT(*) FROM gme_callback_journal WHERE task_id = 1 AND outcome = '"
                + Outcome.PROCESSED + "'"));
    }

    @Test
    void aRepeatInsideAHostTransactionIsCountedOnItsEntryToo() throws Exception {
        InboxDelivery delivery = inbox();
        assertEquals(Answer.OK, deliver(delivery, 2));
        inbox.transactions.begin();
        // The unique key refuses the repeat's first insert: on PostgreSQL that would abort a host's transaction.
        assertEquals(Answer.DUPLICATE, deliver(delivery, 2));
        inbox.transactions.rollback();
        assertEquals(1, journaled(2), "the entry, its repeat counted on it and kept after the host's rollback");
        assertEquals(1, inbox.journal.table().orElseThrow()
                .find(io.github.gmecallback.journal.JournalQuery.all().taskId(2)).entries().get(0).history().repeats());
    }

    @Test
    void outsideATransactionNothingIsSuspended() throws Exception {
        InboxDelivery delivery = inbox();
        assertEquals(Answer.OK, deliver(delivery, 3));
        assertEquals(0, suspensions.get(), "the common case costs one read of the status");
        assertEquals(1, journaled(3));
    }

    @Test
    void whereTheHostTransactionCannotBeSuspendedTheCallbackIsRefused503NotLostWithIt() throws Exception {
        InboxDelivery delivery = inbox(new OutsideTransaction()); // no interceptor around it: nothing suspends
        inbox.transactions.begin();
        Answer answer = deliver(delivery, 4);
        inbox.transactions.rollback();

        assertEquals(503, answer.status(), "never 200 for what a rollback may take back; GME retries");
        assertEquals(0, journaled(4));
        assertTrue(dispatches.isEmpty());
    }
}

package io.github.gmecallback.journal;

/** Bulk replay on the memory journal. */
class BulkReplayTest extends BulkReplayContract {

    @Override
    JournalStore newStore() {
        return new MemoryJournalStore(1000);
    }
}

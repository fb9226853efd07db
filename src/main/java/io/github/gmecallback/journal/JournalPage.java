package io.github.gmecallback.journal;

import java.util.List;

/**
 * One page of journal entries, newest first.
 *
 * @param entries  the entries of this page
 * @param page     its number, from 0
 * @param pageSize the page size asked for
 * @param hasMore  whether a next page holds more
 */
public record JournalPage(List<JournalEntry> entries, int page, int pageSize, boolean hasMore) {

    public JournalPage {
        entries = List.copyOf(entries);
    }
}

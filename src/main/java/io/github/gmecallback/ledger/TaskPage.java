package io.github.gmecallback.ledger;

import java.util.List;

/**
 * One page of recording tasks, newest first.
 *
 * @param tasks    the tasks of this page
 * @param page     its number, from 0
 * @param pageSize the page size asked for
 * @param hasMore  whether a next page holds more
 */
public record TaskPage(List<TaskSummary> tasks, int page, int pageSize, boolean hasMore) {

    public TaskPage {
        tasks = List.copyOf(tasks);
    }
}

package io.github.gmecallback.it.recordings;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.ledger.RecordingLedger;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileOverdue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Observers of the ledger tests. Every {@code RecordingFileOverdue} is noted as
 * {@code overdue <TaskID> <UserID> <SeqNo> <state>}. A callback of UserID {@code peek-throw}
 * makes a synchronous observer read its own file from the ledger (noted as
 * {@code peek <TaskID> <EventType> <state or none>}) and then throw: the ledger's change must be
 * visible to the observer and gone after the failure.
 */
@ApplicationScoped
public class LedgerObservers {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Inject
    RecordingLedger ledger;

    void overdue(@ObservesAsync RecordingFileOverdue late) {
        RecordingFile file = late.file();
        seen.add("overdue " + file.taskId() + " " + file.userId() + " " + file.seqNo() + " " + late.state());
    }

    void peekThenFail(@Observes RecordingCallback callback) throws StoreUnavailableException {
        if (!"peek-throw".equals(callback.userId())) {
            return;
        }
        String state = ledger.task(callback.bizId(), callback.taskId()).stream()
                .filter(file -> file.userId().equals(callback.userId()))
                .map(file -> file.state().name()).findFirst().orElse("none");
        seen.add("peek " + callback.taskId() + " " + callback.eventType() + " " + state);
        throw new IllegalStateException("test observer fails after reading the ledger");
    }

    List<String> seen() {
        return seen;
    }
}

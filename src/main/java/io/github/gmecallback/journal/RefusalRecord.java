package io.github.gmecallback.journal;

import io.github.gmecallback.recording.RefusalReason;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * A refused request, as the journal keeps the newest ones: never its body.
 *
 * @param at            when it was refused
 * @param reason        why
 * @param status        the status it was answered
 * @param remoteAddress who sent it
 * @param claimedBizId  the BizID it claimed (unverified), where it was read
 * @param taskId        its {@code TaskID}, where its signature held and the value could be read
 * @param userId        its {@code UserID}, likewise, or {@code null}
 * @param eventType     its {@code EventType}, likewise, or {@code null}
 */
public record RefusalRecord(Instant at, RefusalReason reason, int status, String remoteAddress,
        OptionalLong claimedBizId, OptionalLong taskId, String userId, Integer eventType) {
}

/**
 * Getting a verified callback to the application's observers, once: the two delivery modes and
 * what they share.
 *
 * <ul>
 * <li>{@link io.github.gmecallback.delivery.Delivery}: what the servlet hands a callback to, and
 *     what a replay goes through;</li>
 * <li>{@link io.github.gmecallback.delivery.SyncDelivery} ({@code gme.callback.delivery=sync}, the
 *     default): the observers run before the answer, which says how they did;</li>
 * <li>{@link io.github.gmecallback.delivery.InboxDelivery} ({@code inbox}): the callback is
 *     committed to the journal's table and answered {@code 200}, then dispatched from it
 *     ({@link io.github.gmecallback.delivery.InboxDispatch}), with leases
 *     ({@link io.github.gmecallback.delivery.InboxTable}) and retries
 *     ({@link io.github.gmecallback.delivery.Backoff});</li>
 * <li>{@link io.github.gmecallback.delivery.Dispatch}: the one sequence both modes and every replay
 *     run (claim, synchronous observers, commit, asynchronous observers);</li>
 * <li>{@link io.github.gmecallback.delivery.CallbackEvents}: the CDI events, fired through the
 *     hosting module's bean manager;</li>
 * <li>{@link io.github.gmecallback.delivery.CallbackLog} and
 *     {@link io.github.gmecallback.delivery.DuplicateLog}: the lines operators grep for, the
 *     repeats' rate-limited by a {@link io.github.gmecallback.delivery.LogBudget} (which the
 *     refusal log shares).</li>
 * </ul>
 * Not part of the public API.
 */
package io.github.gmecallback.delivery;

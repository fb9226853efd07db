/**
 * What an application imports to receive GME recording callbacks: the callback records, one
 * CDI qualifier per event type, and the reasons a request can be refused.
 *
 * <h2>Observing callbacks</h2>
 * <p>Each accepted callback is fired once synchronously and then once asynchronously, as a
 * {@link io.github.gmecallback.recording.RecordingCallback} qualified by its event type:
 * <pre>{@code
 * @ApplicationScoped
 * public class Recordings {
 *     void archive(@Observes @UploadCompleted RecordingCallback cb) {
 *         // runs before the answer: throw, and GME gets a 500 and retries
 *     }
 *     void index(@ObservesAsync @UploadCompleted RecordingCallback cb) {
 *         // runs after the answer; a failure is logged
 *     }
 *     void audit(@Observes RecordingCallback cb) {
 *         // every event type, also those this version does not know yet
 *     }
 * }
 * }</pre>
 *
 * <p>GME promises neither order nor delivery, and retries: write observers that do not assume
 * an order and that may see the same callback again.
 *
 * <p>Nothing in this package depends on the Servlet API; the types are plain records, enums and
 * annotations.
 */
package io.github.gmecallback.recording;

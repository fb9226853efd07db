/**
 * The endpoint's HTTP: a filter that reads the body (bounded) and verifies its signature, a
 * servlet that binds it and hands it to the delivery mode, the refusals' answers, and the
 * initializer and listener that register and start the receiver in the hosting module.
 *
 * <p>The body's bytes travel one way: {@link io.github.gmecallback.web.SignatureFilter} (bounded
 * read, verify) → {@link io.github.gmecallback.web.RecordingCallbackServlet} (strict parse,
 * bind) → {@link io.github.gmecallback.delivery.Delivery} → CDI events. Nothing reads the body
 * twice or turns it into a {@code String} before it is verified. Not part of the public API.
 */
package io.github.gmecallback.web;

package io.github.gmecallback.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a request body without holding a server thread while the bytes are on their way.
 *
 * <p>A blocking read ties up one of the server's worker threads per connection for as long as
 * the client takes to send its body. A client that trickles a byte a second, or sends its headers
 * and then nothing, would hold it for minutes; a few dozen such clients hold them all, and GME's
 * own callbacks then wait behind them. So the body is read the Servlet way: the request goes
 * asynchronous ({@link HttpServletRequest#startAsync()}), a {@link ReadListener} collects the bytes
 * as the server finds them on the socket, and the thread returns to the pool in between.
 *
 * <p>Exactly one of these ends each read, whichever comes first:
 * <ul>
 * <li>the whole body arrived: {@link Handler#arrived} decides, and the request is dispatched on a
 *     server thread to the callback servlet, or completed when it was refused;</li>
 * <li>the body grew over the limit, the connection ended early, or {@link #TIMEOUT_MILLIS} went by:
 *     {@link Handler#failed} answers; the server then closes the connection without reading
 *     the rest of the body (see {@link #closeLater}).</li>
 * </ul>
 */
final class BodyReader implements ReadListener, AsyncListener {

    /**
     * How long a body may take to arrive, from the end of the request's headers. GME sends a few
     * hundred bytes at once and waits 5 seconds for the answer; a body still arriving after 10 is
     * not GME's.
     */
    static final long TIMEOUT_MILLIS = 10_000;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    /** What becomes of the body once it has been read, or could not be. */
    interface Handler {

        /**
         * The whole body arrived.
         *
         * @return {@code true} to pass the request on to the servlet; {@code false} when it has
         *         been answered already
         */
        boolean arrived(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException;

        /** The body cannot be read as a whole: answer the client. */
        void failed(HttpServletRequest request, HttpServletResponse response, BodyFault fault) throws IOException;
    }

    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ServletInputStream in;
    private final BodyBuffer body;
    private final Handler handler;
    private final byte[] chunk = new byte[8192];
    private final AtomicBoolean ended = new AtomicBoolean();

    private BodyReader(AsyncContext async, HttpServletRequest request, HttpServletResponse response,
            BodyBuffer body, Handler handler) throws IOException {
        this.async = async;
        this.request = request;
        this.response = response;
        this.in = request.getInputStream();
        this.body = body;
        this.handler = handler;
    }

    /**
     * Starts reading the request's body in the background; the calling thread returns at once.
     *
     * @param request  a request that {@linkplain HttpServletRequest#isAsyncSupported() supports} async
     * @param response its response
     * @param body     where the bytes go
     * @param handler  what becomes of them
     * @throws IOException if the request's input cannot be opened
     */
    static void start(HttpServletRequest request, HttpServletResponse response, BodyBuffer body,
            Handler handler) throws IOException {
        // The input stream may have been opened already, in blocking mode; nothing has been read.
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(TIMEOUT_MILLIS);
        BodyReader reader = new BodyReader(async, request, response, body, handler);
        async.addListener(reader);
        reader.in.setReadListener(reader);
    }

    /**
     * Leaves an answered request whose body was never read for the server to close: the
     * connection stays open for a moment, so that the client can read the answer while it may
     * still be sending, and is then closed by the server without reading the rest.
     *
     * <p>Completing such a request would not do: Undertow then reads the unread rest of the body
     * on a worker thread, blocking, before it lets go of the request, which a slow client turns
     * into a held thread again. An asynchronous request that times out with its answer already
     * sent is closed instead, by Undertow and by Grizzly alike.
     *
     * @param request  the request, answered and flushed
     * @param millis   how long the client has to read the answer
     */
    static void closeLater(HttpServletRequest request, long millis) {
        AsyncContext async = request.startAsync();
        async.setTimeout(millis);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!ended.get() && in.isReady()) {
            int n = in.read(chunk, 0, Math.min(chunk.length, body.room()));
            if (n < 0) {
                return; // onAllDataRead follows
            }
            body.append(chunk, n);
            if (body.overLimit()) {
                // Not read further: the rest is left to the timeout, which closes the connection.
                end(BodyFault.TOO_LARGE, false);
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        BodyFault fault = body.faultAtEnd();
        if (fault != null) {
            answer(fault);
            async.complete();
            return;
        }
        try {
            if (handler.arrived(request, response, body.bytes())) {
                async.dispatch();
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "the answer to a refused callback could not be written", e);
        }
        async.complete();
    }

    @Override
    public void onError(Throwable failure) {
        // Undertow and Grizzly both end here when the client closes the connection mid-body.
        LOG.log(Level.FINE, "reading a callback's body failed", failure);
        end(BodyFault.endedEarly(body.declaredLength()), true);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // Answered and flushed, not completed: the server closes the connection (see closeLater).
        end(BodyFault.TIMED_OUT, false);
    }

    @Override
    public void onError(AsyncEvent event) {
        end(BodyFault.endedEarly(body.declaredLength()), true);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // nothing held
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    /**
     * Ends the read with a refusal, once.
     *
     * @param complete whether to complete the request now: only when the connection is broken,
     *                 so that there is nothing left to read
     */
    private void end(BodyFault fault, boolean complete) {
        if (ended.compareAndSet(false, true)) {
            answer(fault);
            if (complete) {
                async.complete();
            }
        }
    }

    private void answer(BodyFault fault) {
        try {
            handler.failed(request, response, fault);
            response.flushBuffer();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "the answer to an unread body could not be written", e);
        }
    }
}

package io.github.gmecallback.binding;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.CharArrayReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a verified body into a {@link RecordingCallback}: strict UTF-8, then the strict
 * {@link CallbackCheck}, then JSON-B binding into the records.
 *
 * <p>Thread-safe; one per application (a {@link Jsonb} is costly to create).
 */
public final class CallbackReader {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final JsonParserFactory parsers;
    private final Jsonb jsonb;
    private final boolean timestampRequired;

    /**
     * The JSON-B instance a reader binds with: the server's implementation, with the lenient
     * binding of {@code Detail} that unknown event types need. Costly to make: make it once.
     *
     * @return a new instance; close it when done
     */
    public static Jsonb jsonb() {
        return JsonbBuilder.create(new JsonbConfig().withDeserializers(new LenientDetailDeserializer()));
    }

    /**
     * A reader.
     *
     * @param parsers           JSON-P parsers for the strict pass
     * @param jsonb             the JSON-B instance that binds, from {@link #jsonb()}
     * @param timestampRequired whether {@code Timestamp} is required (the replay window is on)
     */
    public CallbackReader(JsonParserFactory parsers, Jsonb jsonb, boolean timestampRequired) {
        this.parsers = parsers;
        this.jsonb = jsonb;
        this.timestampRequired = timestampRequired;
    }

    /**
     * Reads a callback.
     *
     * @param body the verified body, exactly as received
     * @return the bound callback
     * @throws MalformedCallbackException naming what is wrong, for any body that is not a valid
     *                                    callback
     */
    public RecordingCallback read(byte[] body) throws MalformedCallbackException {
        CharBuffer text = decode(body);
        if (isBlank(text)) {
            throw new MalformedCallbackException("the body is empty");
        }
        try (JsonParser parser = parsers.createParser(reader(text))) {
            CallbackCheck.check(parser, timestampRequired);
        } catch (JsonParsingException e) {
            throw new MalformedCallbackException("the body is not valid JSON" + at(e.getLocation()));
        } catch (RuntimeException e) {
            // Parsson ends a body cut short with NoSuchElementException, too deep a nesting with
            // a plain RuntimeException; no message is passed on, as one may quote the body.
            throw new MalformedCallbackException("the body is not valid JSON");
        }
        try {
            return jsonb.fromJson(reader(text), RecordingCallback.class);
        } catch (JsonbException e) {
            LOG.log(Level.WARNING, "JSON-B could not bind a body the strict check passed", e);
            // Unreachable for a body the check passed; kept so that no binding surprise is a 500.
            throw new MalformedCallbackException("the body does not bind to a recording callback");
        }
    }

    /**
     * Strict UTF-8: an invalid or overlong sequence is refused, never replaced, and so is a byte
     * order mark, which JSON forbids.
     */
    private static CharBuffer decode(byte[] body) throws MalformedCallbackException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // UTF-8 never has more characters than bytes: one array, decoded into in place.
        CharBuffer chars = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(ByteBuffer.wrap(body), chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw new MalformedCallbackException("the body is not valid UTF-8");
        }
        chars.flip();
        if (chars.hasRemaining() && chars.get(0) == '\uFEFF') {
            throw new MalformedCallbackException("the body starts with a byte order mark, which JSON forbids");
        }
        return chars;
    }

    private static CharArrayReader reader(CharBuffer text) {
        return new CharArrayReader(text.array(), text.position(), text.remaining());
    }

    /** Whether the text is empty or JSON white space only; stops at the first other character. */
    private static boolean isBlank(CharBuffer text) {
        for (int i = text.position(); i < text.limit(); i++) {
            char c = text.get(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNumber() < 0 ? ""
                : " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }
}

package io.github.gmecallback.binding;

import io.github.gmecallback.recording.RecordingDetail;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * Binds {@code Detail} for every event type. For the known types the strict pass has already
 * required an object with an integer {@code SeqNo} and a string {@code FileName}, so this reads
 * exactly those. An unknown type may send any shape: what is not an object binds to
 * {@code null}, and members of another type to their stand-ins. Registered for
 * {@link RecordingDetail} in the receiver's JSON-B ({@link CallbackReader#jsonb()}), so that the
 * public record names nothing of the binding.
 */
final class LenientDetailDeserializer implements JsonbDeserializer<RecordingDetail> {

    @Override
    public RecordingDetail deserialize(JsonParser parser, DeserializationContext context, Type type) {
        JsonValue value = parser.getValue();
        if (!(value instanceof JsonObject detail)) {
            return null;
        }
        Long seqNo = null;
        if (detail.get("SeqNo") instanceof JsonNumber number && number.isIntegral()) {
            try {
                seqNo = number.longValueExact();
            } catch (ArithmeticException outOfRange) {
                // stays absent: an unknown type's SeqNo is not checked
            }
        }
        String fileName = detail.get("FileName") instanceof JsonString name ? name.getString() : null;
        return RecordingDetail.of(seqNo, fileName);
    }
}

package io.github.gmecallback.bench;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.binding.ClaimedBizId;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.signature.CallbackSigner;
import io.github.gmecallback.signature.HmacKey;
import io.github.gmecallback.signature.KeyRing;
import io.github.gmecallback.signature.SignatureEncoding;
import io.github.gmecallback.signature.SignatureVerifier;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The receiver's hot path without a server: what the filter and servlet do with a callback's
 * bytes before any observer runs. Reading the claimed BizID, verifying the HMAC-SHA1 signature,
 * the strict pass and the JSON-B binding, on the same JSON-P (Parsson) and JSON-B (Yasson) that
 * WildFly and Payara ship.
 *
 * <pre>
 * bench/jmh     # runs this with -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx512m")
public class HotPathBenchmark {

    private static final String KEY = "benchmark-secret-key";

    private byte[] body;
    private String signature;
    private KeyRing keys;
    private SignatureVerifier verifier;
    private ClaimedBizId claimedBizId;
    private CallbackReader reader;
    private Jsonb jsonb;

    @Setup
    public void setUp() {
        body = Traffic.callback(446946705284000000L, 3, System.currentTimeMillis() / 1000)
                .getBytes(StandardCharsets.UTF_8);
        signature = CallbackSigner.base64(body, KEY);
        keys = new KeyRing(List.of(HmacKey.of(KEY)), Map.of());
        verifier = new SignatureVerifier(SignatureEncoding.AUTO);
        var parsers = JsonProvider.provider().createParserFactory(Map.of());
        jsonb = CallbackReader.jsonb();
        claimedBizId = new ClaimedBizId(parsers);
        reader = new CallbackReader(parsers, jsonb, true);
    }

    @TearDown
    public void tearDown() throws Exception {
        jsonb.close();
    }

    /** Everything the receiver does with the bytes: claim, verify, strict pass, bind. */
    @Benchmark
    public RecordingCallback verifyParseBind() throws Exception {
        OptionalLong claimed = claimedBizId.of(body);
        verifier.verify(body, signature, keys.keysFor(claimed));
        return reader.read(body);
    }

    /** The first step alone: the streaming read of the claimed BizID that chooses the keys. */
    @Benchmark
    public OptionalLong claimOnly() {
        return claimedBizId.of(body);
    }

    /** The last step alone: the strict pass and the JSON-B binding of a verified body. */
    @Benchmark
    public RecordingCallback parseBindOnly() throws Exception {
        return reader.read(body);
    }

    /** The signature alone, for comparison: HMAC-SHA1 over the body and a constant-time compare. */
    @Benchmark
    public byte[] verifyOnly() throws Exception {
        verifier.verify(body, signature, keys.keysFor(OptionalLong.of(1400000000L)));
        return body;
    }
}

package io.github.gmecallback.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the telemetry row's server exports: an OTLP/HTTP endpoint on loopback that reads each
 * export whole and answers 200, as a collector does, so that the row pays the export (the
 * batching, the encoding, the requests) and nothing else. Prints the exports and bytes it took
 * when it is stopped.
 *
 * <p>{@code java io.github.gmecallback.bench.OtlpSink PORT}
 */
public final class OtlpSink {

    private OtlpSink() {
    }

    public static void main(String[] args) throws IOException {
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
                exports.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("OTLP sink: " + exports.get()
                + " exports, " + bytes.get() + " bytes")));
        server.start();
    }
}

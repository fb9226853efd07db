package io.github.gmecallback.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the test servers logged in this build: {@code server.log} and the files it was
 * rotated into (Payara rotates at 2 MB, which a load test passes), of the Arquillian server and
 * of every server a test ran itself ({@link #alsoRead}).
 */
final class ServerLog {

    private static final Set<Path> OTHERS = ConcurrentHashMap.newKeySet();

    private ServerLog() {
    }

    /** The Arquillian server's log directory. */
    static Path directory() {
        return Path.of(System.getProperty("gme.it.server-logs"));
    }

    /** Adds the log directory of a server a test ran itself. */
    static void alsoRead(Path directory) {
        OTHERS.add(directory);
    }

    /** The log directories read, the Arquillian server's first. */
    static List<Path> directories() {
        List<Path> all = new ArrayList<>(List.of(directory()));
        OTHERS.stream().sorted().forEach(all::add);
        return all;
    }

    /** Everything logged in the Arquillian server's directory. */
    static String text() {
        return text(directory());
    }

    /** Everything logged in one directory ({@code server.log*}; nothing when it does not exist). */
    static String text(Path directory) {
        if (!Files.isDirectory(directory)) {
            return "";
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("server.log")).sorted()
                    .map(ServerLog::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.gmecallback.it.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server the build runs for the integration tests, as its launcher leaves it: a
 * process that writes its PID to a file in its data directory, watched so that it stops when the
 * build ends without stopping it, and stopped by that PID, never by name. The launchers of
 * PostgreSQL and MariaDB share what follows; each knows how to start its own.
 *
 * @param name        the database, for messages ({@code PostgreSQL})
 * @param pidFile     its PID file's name in the data directory ({@code postmaster.pid})
 * @param executable  the name its process runs as ({@code postgres}), so that a PID reused by
 *                    another process is never signalled
 * @param stopSignal  the signal of its clean, fast shutdown ({@code INT}, {@code TERM})
 */
public record DatabaseProcess(String name, String pidFile, String executable, String stopSignal) {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /**
     * {@code -DskipTests} or {@code -DskipITs}: no integration test needs the database.
     *
     * @return whether to do nothing
     */
    public static boolean skipped() {
        return Boolean.getBoolean("skipTests") || Boolean.getBoolean("skipITs");
    }

    /**
     * A shell loop beside the server, in a session of its own so that Ctrl-C does not end it
     * first: once {@code owner} is gone while the server still runs, it stops the server.
     *
     * @param owner the process that started the server (Maven)
     * @param data  the server's data directory
     * @param log   where the loop writes what it did
     * @throws IOException if the loop cannot be started
     */
    public void watch(long owner, Path data, Path log) throws IOException {
        String script = """
                pidfile='%s'
                while kill -0 %d 2>/dev/null; do [ -f "$pidfile" ] || exit 0; sleep 1; done
                pid=$(head -n 1 "$pidfile" 2>/dev/null) || exit 0
                [ -n "$pid" ] || exit 0
                echo "$(date) the build ended without stopping %s; stopping PID $pid"
                kill -%s "$pid"
                for _ in $(seq 1 %d); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 1; done
                kill -KILL "$pid"
                """.formatted(data.resolve(pidFile), owner, name, stopSignal, STOP_WAIT.toSeconds());
        List<String> command = Files.isExecutable(Path.of("/usr/bin/setsid"))
                ? List.of("/usr/bin/setsid", "sh", "-c", script) : List.of("sh", "-c", script);
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * Stops the server whose data directory this is, by the PID in its PID file, with its
     * shutdown signal (open sessions are ended), and waits until it is gone; a PID file left by a
     * server that is gone is deleted.
     *
     * @param data the server's data directory
     * @throws IOException          if the PID file cannot be read
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop(Path data) throws IOException, InterruptedException {
        Path pids = data.resolve(pidFile);
        if (!Files.exists(pids)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pids).get(0).strip());
        Optional<ProcessHandle> server = ProcessHandle.of(pid)
                .filter(p -> p.info().command().orElse("").endsWith(executable));
        if (server.isEmpty()) {
            Files.delete(pids);
            return;
        }
        new ProcessBuilder("kill", "-" + stopSignal, Long.toString(pid)).inheritIO().start().waitFor();
        server.get().onExit().completeOnTimeout(null, STOP_WAIT.toSeconds(), TimeUnit.SECONDS).join();
        if (server.get().isAlive()) {
            server.get().destroyForcibly();
            server.get().onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
        System.out.println(name + " for the integration tests stopped (PID " + pid + ")");
    }

    /**
     * Says why the server could not start, with the end of its log and what to do instead, and
     * ends the launcher with status 1.
     *
     * @param e      the failure
     * @param log    the server's log
     * @param advice what the user can do instead
     * @throws IOException if the log cannot be read
     */
    public void fail(Throwable e, Path log, String advice) throws IOException {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append("\n    ").append(t);
        }
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        String logged = lines.isEmpty() ? "(nothing)"
                : String.join("\n    ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        System.err.println("""

                The integration tests' %s could not start here:%s
                What it printed:
                    %s

                %s""".formatted(name, causes, logged, advice));
        System.exit(1);
    }

    /**
     * Deletes a directory and all it holds, where it is there.
     *
     * @param root the directory
     * @throws IOException if something cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

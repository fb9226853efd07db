package io.github.gmecallback.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Counts the journal's entries by outcome for {@code bench/run}'s inbox rows, over JDBC on the
 * database the URL names (PostgreSQL or MariaDB, through the drivers on the test class path), so
 * that the script needs no database client.
 *
 * <p>It reads an outcome a line on standard input ({@code PENDING}, {@code PROCESSED},
 * {@code DEAD}) and answers each with its count, a line each, on one connection kept open: the
 * script polls the backlog every 0.2 s while it drains, which a JVM or a client started per count
 * would slow down and delay. It ends when its input does.
 *
 * <pre>
 * java JournalOutcomes JDBC_URL USER PASSWORD
 * </pre>
 */
public final class JournalOutcomes {

    private JournalOutcomes() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 3) {
            System.err.println("usage: JournalOutcomes JDBC_URL USER PASSWORD, then an outcome a line on standard input");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM gme_callback_journal WHERE outcome = ?");
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String outcome = in.readLine(); outcome != null; outcome = in.readLine()) {
                count.setString(1, outcome.strip());
                try (ResultSet answer = count.executeQuery()) {
                    answer.next();
                    System.out.println(answer.getLong(1));
                }
                System.out.flush(); // the script waits for this line
            }
        }
    }
}

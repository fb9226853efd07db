package io.github.gmecallback.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema file of the classes jar ({@code META-INF/gme-callback/schema/*.sql}), the one place the
 * receiver's DDL is written, read as the statements of each table: a statement belongs to the
 * table it creates, alters, indexes or inserts into. A statement ends with a {@code ;} at the end
 * of a line; lines starting with {@code --} are comments.
 */
final class Schema {

    private static final String FOLDER = "META-INF/gme-callback/schema/";
    /** The table a statement works on: after TABLE [IF NOT EXISTS], ON or INTO. */
    private static final Pattern TABLE = Pattern.compile(
            "\\b(?:TABLE(?: IF NOT EXISTS)?|ON|INTO)\\s+(gme_callback_\\w+)", Pattern.CASE_INSENSITIVE);

    private final String file;
    private final Map<String, List<String>> byTable;

    private Schema(String file, Map<String, List<String>> byTable) {
        this.file = file;
        this.byTable = byTable;
    }

    /** The resource name of a schema file. */
    static String resource(String file) {
        return FOLDER + file;
    }

    /**
     * Reads a schema file of the classes jar.
     *
     * @param file its name, e.g. {@code mysql.sql}
     * @return its statements by table
     */
    static Schema load(String file) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource(file))) {
            if (in == null) {
                throw new IllegalStateException("the classes jar has no " + resource(file));
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema parse(String file, String text) {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        StringBuilder statement = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("--")) {
                continue;
            }
            boolean joins = statement.length() == 0 || statement.charAt(statement.length() - 1) == '(';
            statement.append(joins ? "" : " ").append(stripped);
            if (stripped.endsWith(";")) {
                String sql = statement.substring(0, statement.length() - 1);
                Matcher table = TABLE.matcher(sql);
                if (!table.find()) {
                    throw new IllegalStateException(resource(file) + ": no table of the receiver's in: " + sql);
                }
                byTable.computeIfAbsent(table.group(1), t -> new ArrayList<>()).add(sql);
                statement.setLength(0);
            }
        }
        if (statement.length() > 0) {
            throw new IllegalStateException(resource(file) + " ends inside a statement: " + statement);
        }
        return new Schema(file, byTable);
    }

    /**
     * A table's statements, in the file's order.
     *
     * @param table the table
     * @return its statements
     */
    List<String> of(String table) {
        List<String> statements = byTable.get(table);
        if (statements == null) {
            throw new IllegalStateException(resource(file) + " does not create " + table);
        }
        return List.copyOf(statements);
    }
}

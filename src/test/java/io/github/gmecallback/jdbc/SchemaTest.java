package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema files: the one place the DDL is written, alike on each database, linked from the docs. */
class SchemaTest {

    private static final List<String> TABLES = List.of("gme_callback_dedupe", "gme_callback_journal",
            "gme_callback_inbox_control", "gme_callback_recording_file");
    private static final Pattern COLUMN = Pattern.compile("^\\s+([a-z_]+) [A-Z]", Pattern.MULTILINE);

    /** A table's columns as its CREATE TABLE in a file lists them. */
    private static Set<String> columns(String file, String table) throws IOException {
        String text = Files.readString(Path.of("src/main/resources", Schema.resource(file)));
        int start = text.indexOf("CREATE TABLE IF NOT EXISTS " + table + " (");
        assertTrue(start >= 0, file + " creates " + table);
        String create = text.substring(start, text.indexOf(";", start));
        Set<String> columns = new TreeSet<>();
        Matcher column = COLUMN.matcher(create);
        while (column.find()) {
            if (!column.group(1).equals("INDEX") && !create.substring(column.start()).strip().startsWith("UNIQUE")) {
                columns.add(column.group(1));
            }
        }
        return columns;
    }

    @Test
    void eachDatabaseHasEveryTableWithTheSameColumns() throws Exception {
        for (String table : TABLES) {
            Set<String> postgres = columns("postgresql.sql", table);
            assertFalse(postgres.isEmpty(), table);
            assertEquals(postgres, columns("mysql.sql", table), table);
            for (SqlDialect dialect : SqlDialect.values()) {
                assertFalse(dialect.schema(table).isEmpty(), dialect + " " + table);
            }
        }
    }

    @Test
    void aStatementBelongsToTheTableItWorksOn() {
        Schema schema = Schema.parse("test.sql", """
                -- a comment
                CREATE TABLE IF NOT EXISTS gme_callback_a (
                    id INTEGER,
                    -- inside
                    b INTEGER);
                CREATE INDEX IF NOT EXISTS gme_callback_a_b ON gme_callback_a (b);
                CREATE TABLE IF NOT EXISTS gme_callback_c (id INTEGER);
                INSERT IGNORE INTO gme_callback_c (id) VALUES (1);
                ALTER TABLE gme_callback_a ADD COLUMN IF NOT EXISTS d INTEGER;
                """);
        assertEquals(List.of("CREATE TABLE IF NOT EXISTS gme_callback_a (id INTEGER, b INTEGER)",
                "CREATE INDEX IF NOT EXISTS gme_callback_a_b ON gme_callback_a (b)",
                "ALTER TABLE gme_callback_a ADD COLUMN IF NOT EXISTS d INTEGER"), schema.of("gme_callback_a"));
        assertEquals(List.of("CREATE TABLE IF NOT EXISTS gme_callback_c (id INTEGER)",
                "INSERT IGNORE INTO gme_callback_c (id) VALUES (1)"), schema.of("gme_callback_c"));
        assertThrows(IllegalStateException.class, () -> schema.of("gme_callback_x"));
        assertThrows(IllegalStateException.class, () -> Schema.parse("t.sql", "CREATE TABLE t (id INTEGER)"));
    }

    @Test
    void theDocsLinkToTheSchemaFilesAndCopyNoneOfTheirStatements() throws Exception {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
        }
        String all = "";
        for (Path document : documents) {
            String text = Files.readString(document);
            assertFalse(text.matches("(?s).*CREATE (UNIQUE )?(TABLE|INDEX)[^\\n]*gme_callback.*"),
                    document + " copies DDL: link to the schema file instead");
            all += text;
        }
        for (String file : List.of("postgresql.sql", "mysql.sql")) {
            assertTrue(all.contains("src/main/resources/" + Schema.resource(file)), "the docs link to " + file);
        }
    }
}

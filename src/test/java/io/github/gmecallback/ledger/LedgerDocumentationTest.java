package io.github.gmecallback.ledger;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows the ledger's table as the receiver creates it. */
class LedgerDocumentationTest {

    private static String words(String text) {
        return text.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
    }

    @Test
    void theReadmeHoldsEveryStatementOfTheTablesDefinition() throws Exception {
        String readme = words(Files.readString(Path.of("README.md")));
        for (String statement : LedgerTable.DDL) {
            assertTrue(readme.contains(words(statement) + ";"), "README.md lacks: " + statement);
        }
    }
}

package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SensitiveValuesTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void fromEnvironmentAndFiles_oneTrailingLineBreakDropped_multiLineKept() throws IOException {
        Path dir = temp.getRoot().toPath();
        Files.writeString(dir.resolve("a"), "s3cret-from-file\n");
        Files.writeString(dir.resolve("b"), "line one\nline two\r\n");

        Map<String, String> values = SensitiveValues.read(Map.of("x", "X_SECRET"), Map.of("a", "a", "b", "b"),
                Map.of("X_SECRET", "s3cret-from-env"), dir);

        assertEquals(Map.of("x", "s3cret-from-env", "a", "s3cret-from-file", "b", "line one\nline two"), values);
    }

    @Test
    public void emptyValuesAndDuplicates_refusedWithoutTheValue() throws IOException {
        Path dir = temp.getRoot().toPath();
        Files.writeString(dir.resolve("empty"), "\n");
        Files.writeString(dir.resolve("full"), "s3cret-value");

        InvalidInputException emptyEnv = assertThrows(InvalidInputException.class,
                () -> SensitiveValues.read(Map.of("x", "X"), Map.of(), Map.of("X", ""), dir));
        assertTrue(emptyEnv.getMessage(), emptyEnv.getMessage().endsWith("X is empty"));
        InvalidInputException emptyFile = assertThrows(InvalidInputException.class,
                () -> SensitiveValues.read(Map.of(), Map.of("x", "empty"), Map.of(), dir));
        assertTrue(emptyFile.getMessage(), emptyFile.getMessage().endsWith("is empty"));
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> SensitiveValues.read(Map.of("x", "X"), Map.of("x", "full"), Map.of("X", "s3cret-env"), dir));
        assertFalse(twice.getMessage(), twice.getMessage().contains("s3cret"));
        assertTrue(twice.getMessage(), twice.getMessage().contains("both from the environment and from a file"));
    }
}

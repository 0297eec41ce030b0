package io.bakehouse.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/** Keeps every engine class small enough to read at once: a class that grows past the limit is split. */
public class ClassSizeTest {

    static final int MAX_LINES = 350;

    @Test
    public void noEngineSourceFile_isLongerThanTheLimit() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue("run from the engine module: " + sources.toAbsolutePath(), Files.isDirectory(sources));
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(sources)) {
            tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> f + " (" + lines(f) + " lines)")
                    .sorted()
                    .toList();
        }
        assertEquals("engine classes over " + MAX_LINES + " lines: split them along a seam", List.of(), tooLong);
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

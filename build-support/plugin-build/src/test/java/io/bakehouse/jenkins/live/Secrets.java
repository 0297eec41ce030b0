package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Looks for a secret where Jenkins keeps a build: every file under its folder. */
final class Secrets {

    private Secrets() {
    }

    static void assertNotInTree(Path dir, String secret) throws IOException {
        assertTrue("no build folder at " + dir, Files.isDirectory(dir));
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> holding;
        try (Stream<Path> files = Files.walk(dir)) {
            holding = files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
        }
        assertEquals("files of the build that hold the secret", List.of(), holding);
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] hay = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

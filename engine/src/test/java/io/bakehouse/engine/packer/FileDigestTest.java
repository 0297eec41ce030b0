package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileDigestTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aLargeFile_hashedBySha256sum_hasJavasDigest() throws Exception {
        Path file = randomFile("app-binary", FileDigest.NATIVE_FROM_BYTES * 3 + 17);
        Path tool = FileDigest.find("sha256sum", System.getenv("PATH"))
                .orElseThrow(() -> new AssertionError("sha256sum (coreutils) is not on PATH"));

        String expected = javaDigest(file);
        assertEquals(Optional.of(expected), FileDigest.withTool(tool, file));
        assertEquals(expected, FileDigest.sha256(file));
        assertEquals(expected, FileDigest.inJava(file));
    }

    @Test
    public void aSmallFile_isHashedInJava_withTheSameDigest() throws Exception {
        Path file = randomFile("template", 4096);

        assertEquals(javaDigest(file), FileDigest.sha256(file));
    }

    @Test
    public void aToolThatPrintsNoDigest_orFails_isNotBelieved() throws Exception {
        Path file = randomFile("app-binary", 1024);

        assertEquals(Optional.empty(), FileDigest.withTool(script("garbage", "echo not-a-digest"), file));
        assertEquals(Optional.empty(), FileDigest.withTool(script("failing",
                "echo 0000000000000000000000000000000000000000000000000000000000000000; exit 3"), file));
        assertEquals(Optional.empty(), FileDigest.withTool(tmp.getRoot().toPath().resolve("absent"), file));
    }

    @Test
    public void find_takesTheFirstExecutableOnThePath_andSkipsOthers() throws Exception {
        Path first = tmp.newFolder("first").toPath();
        Path second = tmp.newFolder("second").toPath();
        Files.writeString(first.resolve("tool"), "not executable");
        Path executable = script("second/tool", "true");

        assertEquals(Optional.of(executable), FileDigest.find("tool", first + ":" + second));
        assertEquals(Optional.empty(), FileDigest.find("tool", first.toString()));
        assertEquals(Optional.empty(), FileDigest.find("tool", null));
    }

    private Path randomFile(String name, long size) throws IOException {
        byte[] bytes = new byte[(int) size];
        new Random(42).nextBytes(bytes);
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path script(String name, String body) throws IOException {
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        assertTrue(Files.isExecutable(file));
        return file;
    }

    private static String javaDigest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

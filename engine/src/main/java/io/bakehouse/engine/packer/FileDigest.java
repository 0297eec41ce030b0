package io.bakehouse.engine.packer;

import io.bakehouse.engine.error.BakehouseException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * SHA-256 of a file, as lower-case hex. A large file (an app binary is several megabytes) goes to
 * the system's {@code sha256sum} when there is one: the CLI runs with the client compiler only,
 * which has no SHA-256 intrinsic, and hashes about 60 MB/s there, where {@code sha256sum} uses the
 * processor's SHA instructions. The digest is the same either way; any trouble with the tool
 * falls back to Java.
 */
final class FileDigest {

    /** Below this, starting a process costs more than it saves. */
    static final long NATIVE_FROM_BYTES = 1L << 20;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Optional<Path> SHA256SUM = find("sha256sum", System.getenv("PATH"));

    private FileDigest() {
    }

    static String sha256(Path file) {
        try {
            if (SHA256SUM.isPresent() && Files.size(file) >= NATIVE_FROM_BYTES) {
                Optional<String> hex = withTool(SHA256SUM.get(), file);
                if (hex.isPresent()) {
                    return hex.get();
                }
            }
            return inJava(file);
        } catch (IOException e) {
            throw BakehouseException.failure("Cannot read " + file + " to compute the bake key: " + e.getMessage(),
                    "check that the file exists and is readable", e);
        }
    }

    static String inJava(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = digest();
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** The tool's digest of {@code file} (given on its standard input, so no file name is parsed), or empty. */
    static Optional<String> withTool(Path tool, Path file) {
        try {
            Process p = new ProcessBuilder(tool.toString())
                    .redirectInput(file.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String hex = out.length() >= 64 ? out.substring(0, 64) : "";
            return p.exitValue() == 0 && HEX.matcher(hex).matches() ? Optional.of(hex) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The first executable {@code name} on {@code path}. */
    static Optional<Path> find(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

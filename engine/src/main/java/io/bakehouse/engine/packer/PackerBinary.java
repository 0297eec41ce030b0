package io.bakehouse.engine.packer;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packer executable to run and its version. */
record PackerBinary(Path path, Version version) {

    static final String INSTALL_HINT = "install Packer (Debian/Ubuntu: `apt-get install packer`; elsewhere"
            + " https://developer.hashicorp.com/packer/install), or pass its path with --packer (packer)";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

    /** A Packer version, compared by number. */
    record Version(int major, int minor, int patch) implements Comparable<Version> {

        static final Version INIT = new Version(1, 7, 0);

        static Version parse(String text) {
            Matcher m = VERSION.matcher(text);
            if (!m.find()) {
                return null;
            }
            return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }

        /** {@code packer init} arrived in 1.7.0. */
        boolean hasInit() {
            return compareTo(INIT) >= 0;
        }

        @Override
        public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            c = c != 0 ? c : Integer.compare(minor, o.minor);
            return c != 0 ? c : Integer.compare(patch, o.patch);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    /** Finds {@code explicit}, or {@code packer} on {@code path}, and asks it for its version. */
    static PackerBinary locate(String explicit, String path) {
        Path binary = explicit != null ? explicitBinary(explicit) : onPath(path);
        return new PackerBinary(binary, version(binary));
    }

    /** As {@link #locate(String, String)}, asking only a binary {@code cache} has no version of. */
    static PackerBinary locate(String explicit, String path, PackerVersionCache cache) {
        Path binary = explicit != null ? explicitBinary(explicit) : onPath(path);
        return new PackerBinary(binary, cache.version(binary, PackerBinary::version));
    }

    private static Path explicitBinary(String explicit) {
        Path p = Path.of(explicit);
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new InvalidInputException("packer", "Packer was not found at " + explicit
                    + (Files.exists(p) ? " (not an executable file)" : ""), INSTALL_HINT);
        }
        return p;
    }

    private static Path onPath(String path) {
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "packer");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new InvalidInputException("packer", "Packer is not installed: no packer on PATH", INSTALL_HINT);
    }

    private static Version version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Version v = Version.parse(out);
            if (v == null) {
                throw BakehouseException.failure(binary + " does not look like Packer (`packer version` said: "
                        + out.strip().lines().findFirst().orElse("nothing") + ")", INSTALL_HINT);
            }
            return v;
        } catch (IOException e) {
            throw BakehouseException.failure("Cannot run " + binary + ": " + e.getMessage(), INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BakehouseException.failure("Interrupted while asking " + binary + " for its version", null, e);
        }
    }
}

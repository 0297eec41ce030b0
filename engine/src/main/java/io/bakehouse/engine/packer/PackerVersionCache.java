package io.bakehouse.engine.packer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The versions Packer binaries reported, remembered per binary: {@code packer version} starts a process of a
 * 100 MB Go program, about 70 ms of CPU, and a bake asked it on every run. An entry is keyed by the binary's
 * real path, size, modification time and file identity, so an upgraded or replaced binary is asked again.
 *
 * <p>One small text file ({@value #FILE}) in the cache directory, rewritten whole through a temporary file and a
 * rename, so a concurrent reader sees the old or the new file, never half of one. Losing an entry to a
 * concurrent writer only costs one more {@code packer version}. Any failure to read or write means "not
 * cached": the cache never makes a bake fail.
 */
final class PackerVersionCache {

    static final String FILE = "packer-versions";
    /** Entries kept, newest first: enough for the binaries one machine has, small enough to read at once. */
    static final int MAX_ENTRIES = 16;

    private final Path dir;

    PackerVersionCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The cache in {@code BAKEHOUSE_CACHE_DIR}, else {@code $XDG_CACHE_HOME/bakehouse}, else
     * {@code ~/.cache/bakehouse}: where the CLI launcher keeps its class cache too.
     */
    static PackerVersionCache standard(Map<String, String> env) {
        String explicit = env.get("BAKEHOUSE_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return new PackerVersionCache(Path.of(explicit));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new PackerVersionCache(base.resolve("bakehouse"));
    }

    Path dir() {
        return dir;
    }

    /** The version {@code binary} reported before, or {@code ask}'s answer, remembered for next time. */
    PackerBinary.Version version(Path binary, Function<Path, PackerBinary.Version> ask) {
        String key = key(binary);
        if (key == null) {
            return ask.apply(binary);
        }
        List<String> lines = read();
        for (String line : lines) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0 && line.substring(0, tab).equals(key)) {
                PackerBinary.Version cached = PackerBinary.Version.parse(line.substring(tab + 1));
                if (cached != null) {
                    return cached;
                }
            }
        }
        PackerBinary.Version version = ask.apply(binary);
        List<String> kept = new ArrayList<>();
        kept.add(key + '\t' + version);
        for (String line : lines) {
            if (kept.size() < MAX_ENTRIES && !line.startsWith(key + '\t')) {
                kept.add(line);
            }
        }
        write(kept);
        return version;
    }

    /** What identifies this build of the binary, or {@code null} when it cannot be read (then nothing is cached). */
    private static String key(Path binary) {
        try {
            Path real = binary.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String id = a.fileKey() == null ? "-" : a.fileKey().toString();
            String key = real + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis() + "\t" + id;
            return key.indexOf('\n') >= 0 ? null : key;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private List<String> read() {
        try {
            return Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private void write(List<String> lines) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, FILE + ".", ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | SecurityException e) {
            // not cached: the next bake asks Packer again
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file in the cache directory; harmless
                }
            }
        }
    }
}

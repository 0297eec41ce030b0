package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.BakehouseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PackerVersionCacheTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** A stand-in packer that says {@code version} and counts how often it was run. */
    private Path fakePacker(String version) throws IOException {
        Path dir = tmp.newFolder().toPath();
        Path packer = dir.resolve("packer");
        Files.writeString(packer, "#!/bin/sh\necho run >> \"$(dirname \"$0\")/runs\"\necho 'Packer v" + version + "'\n");
        Files.setPosixFilePermissions(packer, PosixFilePermissions.fromString("rwxr-xr-x"));
        return packer;
    }

    private static int runs(Path packer) throws IOException {
        Path runs = packer.resolveSibling("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    public void locate_secondTime_takesTheVersionFromTheCacheWithoutRunningPacker() throws IOException {
        Path packer = fakePacker("1.9.4");
        PackerVersionCache cache = new PackerVersionCache(tmp.getRoot().toPath().resolve("cache"));

        PackerBinary first = PackerBinary.locate(packer.toString(), null, cache);
        PackerBinary second = PackerBinary.locate(packer.toString(), null, cache);

        assertEquals("1.9.4", first.version().toString());
        assertEquals("1.9.4", second.version().toString());
        assertEquals(1, runs(packer));
    }

    @Test
    public void locate_binaryReplaced_asksTheNewOne() throws IOException {
        Path packer = fakePacker("1.9.4");
        PackerVersionCache cache = new PackerVersionCache(tmp.getRoot().toPath().resolve("cache"));
        PackerBinary.locate(packer.toString(), null, cache);

        // An upgrade in place: other content, other modification time.
        Files.writeString(packer, "#!/bin/sh\necho run >> \"$(dirname \"$0\")/runs\"\necho 'Packer v1.11.2 (upgraded)'\n");
        Files.setLastModifiedTime(packer, FileTime.from(Instant.now().plusSeconds(5)));
        PackerBinary upgraded = PackerBinary.locate(packer.toString(), null, cache);

        assertEquals("1.11.2", upgraded.version().toString());
        assertEquals(2, runs(packer));
    }

    @Test
    public void locate_symlinkToACachedBinary_usesTheEntryOfTheRealFile() throws IOException {
        Path packer = fakePacker("1.10.0");
        Path link = tmp.newFolder().toPath().resolve("packer");
        Files.createSymbolicLink(link, packer);
        PackerVersionCache cache = new PackerVersionCache(tmp.getRoot().toPath().resolve("cache"));

        PackerBinary.locate(packer.toString(), null, cache);
        PackerBinary viaLink = PackerBinary.locate(link.toString(), null, cache);

        assertEquals(link, viaLink.path());
        assertEquals("1.10.0", viaLink.version().toString());
        assertEquals(1, runs(packer));
    }

    @Test
    public void locate_cacheCannotBeWritten_asksEveryTimeAndStillWorks() throws IOException {
        Path packer = fakePacker("1.8.7");
        Path notADir = tmp.newFile("occupied").toPath(); // a file where the cache directory should be
        PackerVersionCache cache = new PackerVersionCache(notADir.resolve("cache"));

        assertEquals("1.8.7", PackerBinary.locate(packer.toString(), null, cache).version().toString());
        assertEquals("1.8.7", PackerBinary.locate(packer.toString(), null, cache).version().toString());
        assertEquals(2, runs(packer));
    }

    @Test
    public void locate_garbledCacheFile_isIgnoredAndRewritten() throws IOException {
        Path packer = fakePacker("1.9.1");
        Path dir = tmp.newFolder("cache").toPath();
        Files.writeString(dir.resolve(PackerVersionCache.FILE), "not\ta cache\nfile at all\n\u0000\n");
        PackerVersionCache cache = new PackerVersionCache(dir);

        assertEquals("1.9.1", PackerBinary.locate(packer.toString(), null, cache).version().toString());
        assertEquals("1.9.1", PackerBinary.locate(packer.toString(), null, cache).version().toString());
        assertEquals(1, runs(packer));
    }

    @Test
    public void locate_notPacker_failsAndCachesNothing() throws IOException {
        Path dir = tmp.newFolder().toPath();
        Path impostor = dir.resolve("packer");
        Files.writeString(impostor, "#!/bin/sh\necho 'something else'\n");
        Files.setPosixFilePermissions(impostor, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cacheDir = tmp.getRoot().toPath().resolve("cache");
        PackerVersionCache cache = new PackerVersionCache(cacheDir);

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> PackerBinary.locate(impostor.toString(), null, cache));

        assertTrue(e.getMessage(), e.getMessage().contains("does not look like Packer"));
        assertTrue(!Files.exists(cacheDir.resolve(PackerVersionCache.FILE)));
    }

    @Test
    public void version_manyBinaries_keepsTheNewestEntriesOnly() throws IOException {
        Path dir = tmp.getRoot().toPath().resolve("cache");
        PackerVersionCache cache = new PackerVersionCache(dir);
        AtomicInteger asked = new AtomicInteger();
        Path last = null;
        for (int i = 0; i < PackerVersionCache.MAX_ENTRIES + 4; i++) {
            last = tmp.newFile("packer-" + i).toPath();
            cache.version(last, p -> {
                asked.incrementAndGet();
                return PackerBinary.Version.parse("1.9." + p.getFileName().toString().substring(7));
            });
        }
        List<String> lines = Files.readAllLines(dir.resolve(PackerVersionCache.FILE), StandardCharsets.UTF_8);

        assertEquals(PackerVersionCache.MAX_ENTRIES, lines.size());
        assertTrue(lines.get(0), lines.get(0).endsWith("\t1.9." + (PackerVersionCache.MAX_ENTRIES + 3)));
        assertEquals("1.9." + (PackerVersionCache.MAX_ENTRIES + 3),
                cache.version(last, p -> { throw new AssertionError("asked again"); }).toString());
        assertEquals(PackerVersionCache.MAX_ENTRIES + 4, asked.get());
    }

    @Test
    public void standard_directoryFromTheEnvironment() {
        String home = System.getProperty("user.home");

        assertEquals(Path.of("/x/cache"), dirOf(PackerVersionCache.standard(Map.of("BAKEHOUSE_CACHE_DIR", "/x/cache",
                "XDG_CACHE_HOME", "/y"))));
        assertEquals(Path.of("/y/bakehouse"), dirOf(PackerVersionCache.standard(Map.of("XDG_CACHE_HOME", "/y"))));
        assertEquals(Path.of(home, ".cache", "bakehouse"), dirOf(PackerVersionCache.standard(Map.of())));
        assertEquals(Path.of(home, ".cache", "bakehouse"),
                dirOf(PackerVersionCache.standard(Map.of("BAKEHOUSE_CACHE_DIR", " ", "XDG_CACHE_HOME", ""))));
    }

    private static Path dirOf(PackerVersionCache cache) {
        return cache.dir();
    }
}

package io.bakehouse.engine.site;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads the built site: every regular file under {@code dir}, with its size and content hashes. Links
 * are followed while they stay inside {@code dir}; a link that leads outside it (to the agent's home,
 * another workspace) is skipped with a warning, never published, and so are link loops, broken links
 * and files that are neither files nor folders.
 */
final class LocalSite {

    /** The most one PutObject request takes. */
    static final long MAX_FILE_SIZE = 5L * 1024 * 1024 * 1024;
    /** The longest S3 key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private LocalSite() {
    }

    /**
     * The files of {@code dir}, sorted by path; {@code prefix} only for the key-length check.
     *
     * @param stopped asked between files: a cancel stops the reading
     */
    static List<SiteFile> read(String dir, String prefix, Reporter reporter, BooleanSupplier stopped) {
        Path root = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("dir", (Files.exists(root) ? "dir " + dir + " is not a folder"
                    : "dir " + dir + " does not exist") + "; nothing was published",
                    "build the site first, and give the folder it was built into (e.g. dist or build)");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("dir", "dir " + dir + " cannot be read: " + e.getMessage());
        }
        List<Path> found = walk(root, realRoot, reporter);
        List<SiteFile> files = new ArrayList<>();
        for (Path file : found) {
            if (stopped.getAsBoolean()) {
                return files;
            }
            String path = relative(root, file);
            checkKey(prefix, path);
            files.add(hash(file, path));
        }
        files.sort(Comparator.comparing(SiteFile::path));
        return files;
    }

    private static List<Path> walk(Path root, Path realRoot, Reporter reporter) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                            if (!d.equals(root) && !d.toRealPath().startsWith(realRoot)) {
                                reporter.warn("Skipped " + relative(root, d) + "/: a link to a folder outside dir");
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                            if (attrs.isSymbolicLink()) {
                                reporter.warn("Skipped " + relative(root, f) + ": a broken link");
                            } else if (!attrs.isRegularFile()) {
                                reporter.warn("Skipped " + relative(root, f) + ": not a regular file");
                            } else if (!f.toRealPath().startsWith(realRoot)) {
                                reporter.warn("Skipped " + relative(root, f) + ": a link to a file outside dir");
                            } else {
                                found.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                            if (!(e instanceof FileSystemLoopException)) {
                                throw e;
                            }
                            reporter.warn("Skipped " + relative(root, f) + "/: a link back to a folder above it");
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw BakehouseException.failure("Cannot read the site in " + root + ": " + e.getMessage()
                    + "; nothing was published", "check the files' permissions", e);
        }
        return found;
    }

    /** The path of {@code file} under {@code root} with {@code /} between its names, on every system. */
    private static String relative(Path root, Path file) {
        List<String> names = new ArrayList<>();
        root.relativize(file).forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    private static void checkKey(String prefix, String path) {
        if ((prefix + path).getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidInputException("dir", "the key of " + path + " would be longer than S3's "
                    + MAX_KEY_BYTES + " bytes; nothing was published", "shorten the prefix or the file's path");
        }
    }

    private static InvalidInputException tooLarge(String path) {
        return new InvalidInputException("dir", path + " is larger than the 5 GiB one upload takes;"
                + " nothing was published", "keep files that large out of the site");
    }

    private static SiteFile hash(Path file, String path) {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw tooLarge(path);
            }
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    md5.update(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    size += n;
                }
            }
            if (size > MAX_FILE_SIZE) {
                throw tooLarge(path); // it grew while it was read
            }
            return new SiteFile(path, file, size, HexFormat.of().formatHex(md5.digest()),
                    Base64.getEncoder().encodeToString(sha256.digest()));
        } catch (IOException e) {
            throw BakehouseException.failure("Cannot read " + path + " in the site: " + e.getMessage()
                    + "; nothing was published", "check the file's permissions", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5 and SHA-256", e);
        }
    }
}

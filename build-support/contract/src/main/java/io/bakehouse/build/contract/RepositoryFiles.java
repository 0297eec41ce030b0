package io.bakehouse.build.contract;

import io.bakehouse.engine.contract.StepContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed files made from the contract (the library's vars and step table, the tables of
 * docs/steps.md): what they should hold, which of them do not, and rewriting them.
 */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** Path (from the repository root) → the content the contract gives it. */
    static Map<String, String> expected(StepContract contract, Path root) {
        Map<String, String> files = new LinkedHashMap<>(LibraryFiles.files(contract));
        files.put(StepsDoc.PATH, StepsDoc.rewrite(contract, read(root.resolve(StepsDoc.PATH))));
        return files;
    }

    /** The files that differ from what the contract gives them, and vars of steps the contract lacks. */
    static List<String> stale(StepContract contract, Path root) {
        Map<String, String> expected = expected(contract, root);
        List<String> stale = new ArrayList<>();
        expected.forEach((path, content) -> {
            Path file = root.resolve(path);
            if (!Files.isRegularFile(file) || !read(file).equals(content)) {
                stale.add(path);
            }
        });
        for (String var : vars(root)) {
            if (!expected.containsKey(var)) {
                stale.add(var + " (no such step in the contract)");
            }
        }
        return stale;
    }

    /** Rewrites the stale files (deleting the vars of steps the contract lacks); returns their paths. */
    static List<String> write(StepContract contract, Path root) throws IOException {
        List<String> changed = stale(contract, root);
        Map<String, String> expected = expected(contract, root);
        Generate.write(root, expected);
        for (String var : vars(root)) {
            if (!expected.containsKey(var)) {
                Files.delete(root.resolve(var));
            }
        }
        return changed;
    }

    private static List<String> vars(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("vars"))) {
            return files.map(f -> "vars/" + f.getFileName()).filter(n -> n.endsWith(".groovy") || n.endsWith(".txt"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

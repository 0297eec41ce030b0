package io.bakehouse.build.contract;

import io.bakehouse.engine.contract.StepContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the files made from the step contract. Run by the builds (and {@code make contract}):
 * <ul>
 *   <li>{@code cli DIR}: the CLI's option descriptions, a Java source under {@code DIR} (the cli build's generated sources);</li>
 *   <li>{@code plugin DIR}: the plugin's help pages and forms under {@code DIR} (the plugin build's generated resources);</li>
 *   <li>{@code repository ROOT}: the committed files (vars/, the library's step table, the tables of docs/steps.md).</li>
 * </ul>
 */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Generate cli|plugin|repository DIR");
        }
        StepContract contract = StepContract.load();
        Path dir = Path.of(args[1]).toAbsolutePath().normalize();
        switch (args[0]) {
            case "cli" -> write(dir, CliDescriptions.files(contract));
            case "plugin" -> write(dir, JenkinsResources.files(contract));
            case "repository" -> {
                List<String> changed = RepositoryFiles.write(contract, dir);
                System.out.println(changed.isEmpty() ? "The files made from the step contract are up to date."
                        : "Rewrote from the step contract: " + String.join(", ", changed));
            }
            default -> throw new IllegalArgumentException("unknown target " + args[0] + " (cli, plugin or repository)");
        }
    }

    /** Writes each file (path relative to {@code dir} → content) whose content differs, so that builds stay incremental. */
    static void write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(f.getValue())) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            }
        }
    }
}

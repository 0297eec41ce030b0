package io.bakehouse.engine.packer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bake key: a SHA-256 over everything that decides what an AMI contains, so an AMI tagged with it can
 * stand in for a new bake of the same inputs. It covers the template's files, each variable, the var files,
 * {@code only}/{@code except}, and the content of every file those point at: a variable or var-file value
 * that names an existing file (the app binary, say) counts by its content, not its path, and so do the files
 * the template reads through {@code path.root}. Paths themselves never count, so the same inputs in another
 * workspace give the same key. The variable naming the manifest post-processor's output is the exception: that
 * file is written by the build, so its value counts as text.
 *
 * <p>Sensitive values do not count (only their names do): a tag must not let anyone test guesses against
 * a secret. Rebake explicitly when only a secret changed.
 */
final class BakeKey {

    static final String VERSION = "bakehouse-bake-key/1";
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\n]{1,1024})\"");

    private BakeKey() {
    }

    static String compute(Template template, PackerBuildRequest request, Path workingDir) {
        List<String> lines = new ArrayList<>();
        lines.add(VERSION);
        for (Path f : template.files()) {
            lines.add("template " + f.getFileName() + " " + sha256(f));
        }
        for (Path f : template.referencedFiles()) {
            if (Files.isRegularFile(f)) {
                lines.add("template-file " + template.rootDir().relativize(f) + " " + sha256(f));
            }
        }
        String output = template.manifestVariable(); // a file the build writes, not one it reads
        new TreeMap<>(request.vars()).forEach((name, value) -> lines.add("var " + name + "="
                + (name.equals(output) ? value : value(workingDir, value))));
        new TreeMap<>(request.sensitiveVars()).keySet().forEach(name -> lines.add("sensitive-var " + name));
        for (String file : request.varFiles()) {
            Path p = workingDir.resolve(file);
            lines.add("var-file " + sha256(p));
            for (String value : quotedValues(p)) {
                String content = value(workingDir, value);
                if (content.startsWith("file:")) {
                    lines.add("var-file-ref " + content);
                }
            }
        }
        lines.add("only " + String.join(",", request.only()));
        lines.add("except " + String.join(",", request.except()));
        return sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Path workingDir, String value) {
        try {
            Path p = workingDir.resolve(value);
            if (!value.isEmpty() && Files.isRegularFile(p)) {
                return "file:" + sha256(p);
            }
        } catch (java.nio.file.InvalidPathException notAPath) {
            // an ordinary value
        }
        return value;
    }

    private static List<String> quotedValues(Path file) {
        List<String> values = new ArrayList<>();
        try {
            Matcher m = QUOTED.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                values.add(m.group(1));
            }
        } catch (IOException notText) {
            // a var file Packer cannot read either; its own hash above still counts
        }
        return values;
    }

    static String sha256(Path file) {
        return FileDigest.sha256(file);
    }

    private static String sha256(byte[] bytes) {
        return FileDigest.sha256(bytes);
    }
}

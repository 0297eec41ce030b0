package io.bakehouse.engine.packer;

import io.bakehouse.engine.output.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Packer's output as it comes: shows its human-readable messages at once (the {@code ui} lines decoded,
 * plain lines as they are), and keeps what the run needs afterwards: the artifacts, the builds' errors and
 * every error message. Thread-safe: stdout and stderr are read by two threads.
 */
final class BuildOutput {

    private static final Pattern NAME_IN_USE =
            Pattern.compile("AMI Name: '([^']+)' is used by an existing AMI: (ami-[0-9a-f]+)");
    private static final Map<String, String> BUILDER_TYPES = Map.of(
            "mitchellh.amazonebs", "amazon-ebs",
            "mitchellh.amazon.ebssurrogate", "amazon-ebssurrogate",
            "mitchellh.amazon.ebsvolume", "amazon-ebsvolume",
            "mitchellh.amazon.instance", "amazon-instance",
            "mitchellh.amazon.chroot", "amazon-chroot");

    /** An AMI name clash Packer reported: the name and the AMI that holds it. */
    record NameInUse(String name, String amiId) {
    }

    private final Reporter reporter;
    private final Set<Artifact> artifacts = new LinkedHashSet<>();
    private final Map<String, String> builderIds = new LinkedHashMap<>();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, String> buildErrors = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    /** Whether any build said anything: Packer checks the template before any build starts. */
    private boolean buildsStarted;

    BuildOutput(Reporter reporter) {
        this.reporter = reporter;
    }

    /** One line of Packer's stdout. */
    synchronized void stdout(String line) {
        MachineReadableLine parsed = MachineReadableLine.parse(line);
        if (parsed == null) {
            plain(line);
            return;
        }
        if (!parsed.target().isEmpty()) {
            buildsStarted = true;
        }
        switch (parsed.type()) {
            case "ui" -> ui(parsed.field(0), parsed.field(1));
            case "artifact" -> artifact(parsed);
            case "error" -> {
                if (!parsed.target().isEmpty()) {
                    buildErrors.put(parsed.target(), parsed.field(0));
                }
            }
            default -> reporter.detail(parsed.type() + " " + String.join(" ", parsed.data()));
        }
    }

    /** Whether a build got as far as saying something: false when Packer refused the template or its variables. */
    synchronized boolean buildsStarted() {
        return buildsStarted;
    }

    /** One line of Packer's stderr: never machine-readable, always worth showing. */
    synchronized void stderr(String line) {
        plain(line);
    }

    private void plain(String line) {
        reporter.output(line);
        if (!line.isBlank()) {
            errors.add(line.trim());
        }
    }

    private void ui(String kind, String text) {
        for (String line : text.split("\n", -1)) {
            reporter.output(line);
        }
        if ("error".equals(kind)) {
            errors.add(text.strip());
        }
    }

    private void artifact(MachineReadableLine line) {
        String key = line.target() + "#" + line.field(0);
        switch (line.field(1)) {
            case "builder-id" -> builderIds.put(key, line.field(2));
            case "id" -> ids.put(key, line.field(2));
            case "end" -> {
                String id = ids.remove(key);
                String builderId = builderIds.remove(key);
                if (id != null) {
                    artifacts.add(new Artifact(line.target(), builderType(line.target(), builderId), id));
                }
            }
            default -> {
                // string, files-count, file: shown through the ui lines already
            }
        }
    }

    /** The builder type from an HCL2 build name ({@code build.type.name}, {@code type.name}) or the builder id. */
    static String builderType(String target, String builderId) {
        String[] parts = target.split("\\.");
        if (parts.length >= 3) {
            return parts[parts.length - 2];
        }
        if (parts.length == 2) {
            return parts[0];
        }
        if (builderId != null && BUILDER_TYPES.containsKey(builderId)) {
            return BUILDER_TYPES.get(builderId);
        }
        return builderId == null ? target : builderId;
    }

    synchronized List<Artifact> artifacts() {
        return List.copyOf(artifacts);
    }

    /** Region → AMI over every artifact, the first AMI of a region winning. */
    synchronized Map<String, String> amis() {
        Map<String, String> amis = new LinkedHashMap<>();
        for (Artifact a : artifacts) {
            a.amis().forEach(amis::putIfAbsent);
        }
        return amis;
    }

    /** Build name → the error it failed with. */
    synchronized Map<String, String> buildErrors() {
        return new LinkedHashMap<>(buildErrors);
    }

    /** Every error message Packer printed, in order. */
    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    /** The AMI name clash Packer reported, or {@code null}. */
    synchronized NameInUse nameInUse() {
        for (String error : errors) {
            Matcher m = NAME_IN_USE.matcher(error);
            if (m.find()) {
                return new NameInUse(m.group(1), m.group(2));
            }
        }
        return null;
    }
}

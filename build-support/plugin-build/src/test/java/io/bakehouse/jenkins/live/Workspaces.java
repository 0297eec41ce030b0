package io.bakehouse.jenkins.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Files a test puts into a job's workspace on the agent before its build, as a checkout would. */
final class Workspaces {

    private Workspaces() {
    }

    /** Writes {@code text} to {@code relative} inside the job's workspace (folders made as needed). */
    static Path write(LiveJenkins jenkins, String job, String relative, String text) throws IOException {
        Path file = jenkins.workspace(job).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Copies the folder {@code from} (recursively) to {@code relative} inside the job's workspace. */
    static Path copyTree(LiveJenkins jenkins, String job, Path from, String relative) throws IOException {
        Path to = jenkins.workspace(job).resolve(relative);
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(p -> {
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }

    /** The AWS options every test step passes: moto's endpoint, the controller's credential and a region. */
    static String aws(LiveJenkins jenkins, String region) {
        return "region: '" + region + "', endpointUrl: '" + jenkins.moto().endpoint() + "', credentialsId: '"
                + LiveJenkins.CREDENTIALS_ID + "'";
    }
}

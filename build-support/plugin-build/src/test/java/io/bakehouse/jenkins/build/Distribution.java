package io.bakehouse.jenkins.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The checked-in list of the Jenkins distribution the plugin is built against and tested in. */
public final class Distribution {

    private Distribution() {
    }

    /** The project's root folder (tests run in build-support/plugin-build). */
    public static Path root() {
        return Path.of(System.getProperty("bakehouse.root", "../..")).toAbsolutePath().normalize();
    }

    /** The distribution's folder: BAKEHOUSE_JENKINS_DIST, or what the build was given. */
    public static Path folder() {
        return Path.of(System.getProperty("bakehouse.jenkinsDist")).toAbsolutePath().normalize();
    }

    /** Name ({@code jenkins} for the war, else the plugin's short name) to version. */
    public static Map<String, String> versions() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String[] f : rows()) {
            versions.put(f[1], f[2]);
        }
        return versions;
    }

    /** Every row: file, name, version, sha256, release, url. */
    public static Iterable<String[]> rows() throws IOException {
        return Files.readAllLines(root().resolve("build-support/jenkins-dist/distribution.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
    }
}

package io.bakehouse.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Checks a Jenkins distribution (a folder with {@code jenkins.war} and {@code plugins/*.jpi})
 * against the checked-in list and lays out the real Jenkins classes the plugin compiles against:
 * the war's {@code WEB-INF/lib} jars, its servlet container ({@code executable/winstone.jar}, which
 * carries the Jakarta Servlet API) and the jars inside the named plugins, unpacked under
 * {@code OUT}, with a manifest whose {@code Class-Path} names them all (the module's jar carries
 * it, so javac and the test JVM see every jar through one dependency).
 *
 * <p>Usage: {@code JenkinsDist DIST LIST OUT PLUGIN[,PLUGIN...]}. A missing or different
 * distribution ends the build with one line that says what to set.
 */
public final class JenkinsDist {

    /** One row of the checked-in list. */
    record Entry(String file, String name, String version, String sha256, String release, String url) {
    }

    private JenkinsDist() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: JenkinsDist DIST LIST OUT PLUGIN[,PLUGIN...]");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), List.of(args[3].split(",")));
        } catch (DistException e) {
            System.err.println("[ERROR] " + e.getMessage());
            System.exit(1);
        }
    }

    /** A distribution that cannot be used; the message is the one line the build prints. */
    static final class DistException extends Exception {
        private static final long serialVersionUID = 1L;

        DistException(String message) {
            super(message);
        }
    }

    static void run(Path dist, Path list, Path out, List<String> compilePlugins) throws IOException, DistException {
        if (!Files.isRegularFile(dist.resolve("jenkins.war"))) {
            throw new DistException("no Jenkins distribution at " + dist.toAbsolutePath().normalize()
                    + " (jenkins.war and plugins/*.jpi): set BAKEHOUSE_JENKINS_DIST to one"
                    + " (scripts/fetch-jenkins-dist.sh downloads it), or build plugin/pom.xml where"
                    + " repo.jenkins-ci.org is reachable");
        }
        Map<String, Entry> entries = read(list);
        List<String> differing = new ArrayList<>();
        for (Entry e : entries.values()) {
            Path file = dist.resolve(e.file());
            if (!Files.isRegularFile(file)) {
                throw new DistException("the Jenkins distribution at " + dist + " lacks " + e.file() + " (" + e.name()
                        + " " + e.version() + "); it must hold every file of " + list);
            }
            String version = version(file, e);
            if (!e.version().equals(version)) {
                throw new DistException(dist.resolve(e.file()) + " is " + e.name() + " " + version + ", but the plugin is"
                        + " built and tested with " + e.version() + " (" + list + ")");
            }
            if (!e.sha256().equals(sha256(file))) {
                differing.add(e.file());
            }
        }
        if (!differing.isEmpty()) {
            System.out.println("jenkins-dist: same versions, other bytes than the files the plugin is tested with: "
                    + String.join(", ", differing));
        }
        Files.createDirectories(out);
        List<String> classPath = new ArrayList<>();
        String base = out.getFileName().toString();
        classPath.addAll(unpackLibs(dist.resolve("jenkins.war"), out.resolve("core"), base + "/core/"));
        Map<String, String> versions = new TreeMap<>();
        for (String plugin : compilePlugins) {
            Entry e = entries.get(plugin);
            if (e == null) {
                throw new DistException("plugin " + plugin + " is not in " + list);
            }
            versions.put(plugin, e.version());
            classPath.addAll(unpackLibs(dist.resolve(e.file()), out.resolve("plugins").resolve(plugin),
                    base + "/plugins/" + plugin + "/"));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        manifest.getMainAttributes().putValue("Jenkins-Version", entries.get("jenkins").version());
        try (OutputStream o = Files.newOutputStream(out.resolve("MANIFEST.MF"))) {
            manifest.write(o);
        }
        Properties props = new Properties();
        props.setProperty("dist", dist.toAbsolutePath().normalize().toString());
        props.setProperty("jenkins.version", entries.get("jenkins").version());
        versions.forEach((k, v) -> props.setProperty("plugin." + k, v));
        try (OutputStream o = Files.newOutputStream(out.resolve("dist.properties"))) {
            props.store(o, "the Jenkins distribution this build compiled against");
        }
        System.out.println("jenkins-dist: Jenkins " + entries.get("jenkins").version() + " and " + (entries.size() - 1)
                + " plugins at " + dist.toAbsolutePath().normalize() + "; compiling against core and " + versions);
    }

    static Map<String, Entry> read(Path list) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(list)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 6) {
                throw new IOException(list + ": not six tab-separated fields: " + line);
            }
            entries.put(f[1], new Entry(f[0], f[1], f[2], f[3], f[4], f[5]));
        }
        return entries;
    }

    private static String version(Path file, Entry e) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest m = jar.getManifest();
            Attributes a = m == null ? new Attributes() : m.getMainAttributes();
            return e.name().equals("jenkins") ? a.getValue("Jenkins-Version") : a.getValue("Plugin-Version");
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks {@code WEB-INF/lib/*.jar} of a war or plugin (and a war's {@code executable/winstone.jar})
     * into {@code dir}; returns their Class-Path entries.
     */
    private static List<String> unpackLibs(Path archive, Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(archive.toFile())) {
            jar.stream().filter(z -> z.getName().startsWith("WEB-INF/lib/") && z.getName().endsWith(".jar")
                            || z.getName().equals("executable/winstone.jar"))
                    .forEach(z -> {
                        String name = z.getName().substring(z.getName().lastIndexOf('/') + 1);
                        copy(jar, z, dir.resolve(name));
                        names.add(prefix + name);
                    });
        }
        names.sort(null);
        return names;
    }

    private static void copy(JarFile jar, ZipEntry entry, Path target) {
        try {
            if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                return;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.bakehouse.jenkins.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.rules.ExternalResource;

/**
 * The project's own repository as the pipeline's users have it: a bare repository holding this
 * working tree (every file git tracks or would track), served by {@code git daemon} on
 * 127.0.0.1, and a clone to commit and push from, as a developer does.
 */
final class ProjectRepo extends ExternalResource {

    private static final long GIT_TIMEOUT_S = 120;

    private final Path root;
    private final Path dir;
    private final Path bare;
    private final Path clone;
    private Process daemon;
    private int port;

    /** {@code root}: the project working tree to copy; {@code dir}: where the repositories go. */
    ProjectRepo(Path root, Path dir) {
        this.root = root;
        this.dir = dir.toAbsolutePath();
        this.bare = this.dir.resolve("project.git");
        this.clone = this.dir.resolve("clone");
    }

    @Override
    protected void before() throws Throwable {
        deleteTree(dir);
        Files.createDirectories(dir);
        git(dir, "init", "-q", "--bare", "-b", "master", bare.toString());
        git(dir, "init", "-q", "-b", "master", clone.toString());
        for (String file : trackedFiles()) {
            Path from = root.resolve(file);
            if (!Files.isRegularFile(from)) {
                continue; // deleted in the working tree
            }
            Path to = clone.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        port = LiveJenkins.freePort();
        daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port,
                "--base-path=" + dir, "--export-all", "--informative-errors", bare.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("git-daemon.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (run(dir, List.of("git", "ls-remote", url())) != 0) {
            if (!daemon.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("git daemon did not serve " + url() + "; its log:\n"
                        + Files.readString(dir.resolve("git-daemon.log")));
            }
            Thread.sleep(200);
        }
    }

    @Override
    protected void after() {
        if (daemon != null) {
            daemon.destroy();
            try {
                daemon.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The URL Jenkins clones from (what a webhook names). */
    String url() {
        return "git://127.0.0.1:" + port + "/project.git";
    }

    /** The developer's clone: edit files here, then {@link #commitAndPush}. */
    Path workTree() {
        return clone;
    }

    void write(String file, String text) throws IOException {
        Path p = clone.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** Switches the clone to {@code branch}, creating it from the current commit if it is new. */
    void checkout(String branch, boolean create) throws IOException, InterruptedException {
        if (create) {
            git(clone, "checkout", "-q", "-b", branch);
        } else {
            git(clone, "checkout", "-q", branch);
        }
    }

    /** Commits everything in the clone and pushes the current branch; returns the commit. */
    String commitAndPush(String message) throws IOException, InterruptedException {
        git(clone, "add", "-A");
        git(clone, "-c", "user.name=Bakehouse developer", "-c", "user.email=developer@bakehouse.invalid",
                "commit", "-q", "-m", message);
        git(clone, "push", "-q", bare.toString(), "HEAD");
        return output(clone, "git", "rev-parse", "HEAD").trim();
    }

    private List<String> trackedFiles() throws IOException, InterruptedException {
        String listed = output(root, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        List<String> files = new ArrayList<>();
        for (String f : listed.split("\0")) {
            if (!f.isEmpty()) {
                files.add(f);
            }
        }
        if (files.size() < 50) {
            throw new AssertionError("git lists only " + files.size() + " files in " + root);
        }
        return files;
    }

    private static void git(Path in, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("git", ".log");
        try {
            int status = run(in, command, log);
            if (status != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + status + ":\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String output(Path in, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("git", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(GIT_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + GIT_TIMEOUT_S + " s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int run(Path in, List<String> command) throws IOException, InterruptedException {
        return run(in, command, null);
    }

    private static int run(Path in, List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        if (!p.waitFor(GIT_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + GIT_TIMEOUT_S + " s");
        }
        return p.exitValue();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var all = Files.walk(p)) {
            for (Path f : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(f);
            }
        }
    }
}

package io.bakehouse.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pipeline {@code sh} script for real, as Jenkins does: a shell with {@code -e}, the
 * build's environment (and nothing else), the workspace as working directory.
 */
public final class Shell {

    private static final long TIMEOUT_SECONDS = 300;

    private final List<String> command;

    private Shell(List<String> command) {
        this.command = command;
    }

    /** bash, which the agent image's {@code sh} scripts are written against. */
    public static Shell bash() {
        return new Shell(List.of("bash", "-e", "-c"));
    }

    /** The system's POSIX {@code /bin/sh} (dash on Debian), which Jenkins' {@code sh} step uses by default. */
    public static Shell posixSh() {
        return new Shell(List.of("/bin/sh", "-e", "-c"));
    }

    public ShellResult run(String script, Map<String, String> environment, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command.get(0), command.get(1), command.get(2), script)
                .directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("sh script still running after " + TIMEOUT_SECONDS + "s:\n" + script);
            }
            return new ShellResult(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running a sh script", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

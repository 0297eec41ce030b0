package io.bakehouse.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the bakehouse CLI, for tests of what the library sends it: a real bash
 * script that records the argument vector it received and its environment (one file per
 * call), prints a canned result for the subcommand (or for the subcommand given one argument)
 * on stdout and a line on stderr, and exits as told. Point {@code BAKEHOUSE_CLI} at {@link #path()}.
 */
public final class FakeCli {

    private static final String SCRIPT = String.join("\n",
            "#!/usr/bin/env bash",
            "# Records argv and environment, prints the canned result, exits as told.",
            "set -euo pipefail",
            "dir=\"$(dirname \"$0\")\"",
            "n=$(( $(find \"$dir\" -maxdepth 1 -name 'call-*.argv' | wc -l) + 1 ))",
            "printf '%s\\0' \"$@\" > \"$dir/call-$n.argv\"",
            "env -0 > \"$dir/call-$n.env\"",
            "echo \"fake bakehouse: $1\" >&2",
            "out=\"$dir/$1.json\"",
            "for arg in \"${@:2}\"; do",
            "  if [ -f \"$dir/$1@$arg.json\" ]; then out=\"$dir/$1@$arg.json\"; break; fi",
            "done",
            "if [ -f \"$out\" ]; then cat \"$out\"; else echo '{}'; fi",
            "if [ -f \"$dir/$1.exit\" ]; then exit \"$(cat \"$dir/$1.exit\")\"; fi",
            "");

    private final Path dir;

    public FakeCli(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Path script = path();
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            if (!script.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + script + " executable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return dir.resolve("bakehouse");
    }

    /** What {@code bakehouse <command> ...} prints on stdout. */
    public FakeCli respond(String command, String stdout) {
        write(command + ".json", stdout);
        return this;
    }

    /**
     * What {@code bakehouse <command> ...} prints when one of its arguments is {@code argument} (e.g. a
     * stack name), instead of the command's own response.
     */
    public FakeCli respond(String command, String argument, String stdout) {
        if (argument.contains("/")) {
            throw new IllegalArgumentException("an argument to respond to names a file: no '/' in " + argument);
        }
        write(command + "@" + argument + ".json", stdout);
        return this;
    }

    public FakeCli exitWith(String command, int code) {
        write(command + ".exit", String.valueOf(code));
        return this;
    }

    /** The argument vectors of every call so far, in order. */
    public List<List<String>> calls() {
        List<List<String>> calls = new ArrayList<>();
        for (int n = 1; Files.exists(dir.resolve("call-" + n + ".argv")); n++) {
            calls.add(split(read("call-" + n + ".argv")));
        }
        return calls;
    }

    public List<String> onlyCall() {
        List<List<String>> calls = calls();
        if (calls.size() != 1) {
            throw new AssertionError("expected one CLI call, got " + calls);
        }
        return calls.get(0);
    }

    /** The environment call {@code n} (from 1) ran with. */
    public Map<String, String> environment(int n) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : split(read("call-" + n + ".env"))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static List<String> split(String nulSeparated) {
        if (nulSeparated.isEmpty()) {
            return List.of();
        }
        String trimmed = nulSeparated.endsWith("\0") ? nulSeparated.substring(0, nulSeparated.length() - 1) : nulSeparated;
        return Arrays.asList(trimmed.split("\0", -1));
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.bakehouse.harness;

/** What a shell script did: exit status and both output streams. */
public record ShellResult(int exitCode, String stdout, String stderr) {
}

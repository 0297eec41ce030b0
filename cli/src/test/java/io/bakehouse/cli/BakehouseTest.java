package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.Version;
import java.util.Map;
import org.junit.Test;

public class BakehouseTest {

    @Test
    public void version_printsTheStampedVersion() {
        CliRun run = CliRun.run(Map.of(), "--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out(), run.out().startsWith("bakehouse " + Version.get() + "\n"));
        assertTrue(Version.get().matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    public void help_listsCommandsAndExitCodes() {
        CliRun run = CliRun.run(Map.of(), "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out(), run.out().contains("publish-ami-param"));
        assertTrue(run.out(), run.out().contains("2    usage error"));
    }

    @Test
    public void noCommand_isAUsageError() {
        CliRun run = CliRun.run(Map.of());

        assertEquals(2, run.exitCode());
        assertTrue(run.err(), run.err().contains("error: a command is required"));
    }

    @Test
    public void unknownCommand_isAUsageError() {
        CliRun run = CliRun.run(Map.of(), "deploy-everything");

        assertEquals(2, run.exitCode());
        assertTrue(run.err(), run.err().startsWith("error: Unmatched argument"));
    }
}

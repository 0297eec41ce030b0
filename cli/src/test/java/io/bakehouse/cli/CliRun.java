package io.bakehouse.cli;

import static org.junit.Assert.assertFalse;

import io.bakehouse.testkit.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One run of the CLI through its real entry point: arguments in, exit code and output out. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Bakehouse.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        CliRun run = new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        // Whatever happened, the secret key of the environment never reaches the user.
        assertFalse("secret in stdout: " + run.out, run.out.contains(MotoServer.SECRET_KEY));
        assertFalse("secret in stderr: " + run.err, run.err.contains(MotoServer.SECRET_KEY));
        return run;
    }

    static String[] args(String... parts) {
        return parts;
    }

    static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

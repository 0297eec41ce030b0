package io.bakehouse.cli;

import io.bakehouse.engine.output.Secrets;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs in: its streams, its environment and the secrets seen so far. Tests
 * make their own, so nothing a command does depends on the test JVM's environment.
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal, Secrets secrets) {

    CliContext {
        env = Map.copyOf(env);
        String key = env.get("AWS_SECRET_ACCESS_KEY");
        secrets.add(key).add(env.get("AWS_SESSION_TOKEN"));
    }
}

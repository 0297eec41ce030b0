package io.bakehouse.cli;

import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS CLI, pointed at a moto server with its test keys and nothing of the user's
 * configuration. When {@code aws} is not installed the test fails with the command that
 * installs it; it never skips.
 */
final class AwsCli {

    private static final long TIMEOUT_MINUTES = 5;

    private final MotoServer moto;
    private final Path scratch;

    /** @param scratch a folder for the command's output and the (absent) configuration files */
    AwsCli(MotoServer moto, Path scratch) {
        this.moto = moto;
        this.scratch = scratch;
    }

    /** One run: exit code and everything it printed (stdout and stderr together). */
    record Run(int exitCode, String output) {
    }

    Run run(List<String> args) throws IOException, InterruptedException {
        String aws = Programs.find("AWS_CLI", "python3 -m pip install awscli", "aws");
        List<String> command = new ArrayList<>(List.of(aws, "--endpoint-url", moto.endpoint(), "--region",
                MotoServer.REGION));
        command.addAll(args);
        Path log = Files.createTempFile(scratch, "aws-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
        env.put("AWS_CONFIG_FILE", scratch.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.RunnerFixtures;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The gatekeeper against an independent specification: {@code src/test/python/gatekeeper_model.py},
 * a Python reading of the rules in docs/steps/ecs-run.md (not of this code), generates requests
 * over a Unicode alphabet on the test and the standard configurations and decides each one
 * itself. The engine must reach the same decision on every request, and the same command on
 * every approval.
 * The counts go to the test output and to {@code target/gatekeeper-fuzz.txt}, which
 * {@code make java-test} prints.
 */
public class GatekeeperModelFuzzTest {

    private static final int COUNT = Integer.getInteger("bakehouse.fuzz.count", 100_000);
    private static final long SEED = Long.getLong("bakehouse.fuzz.seed", 20261206L);
    private static final Path MODEL = Path.of("src", "test", "python", "gatekeeper_model.py");
    private static final Path STANDARD = Path.of("..", "jenkins-docker", "deploy-runner", "standard-config.yaml");

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static String standardFilledIn() throws Exception {
        return Files.readString(STANDARD)
                .replace("${Cluster}", "deploy-runner")
                .replace("${SubnetList}", "subnet-0a1b2c3d")
                .replace("${TaskSecurityGroup}", "sg-0a1b2c3d")
                .replace("${LogGroup}", "/bakehouse/deploy-runner")
                .replace("${ArchiveBucket}", "archive-bucket")
                .replace("${PackerTaskDefinition}", "deploy-runner-packer")
                .replace("${TerraformPlannerTaskDefinition}", "deploy-runner-planner")
                .replace("${TerraformApplierTaskDefinition}", "deploy-runner-applier")
                .replace("${DockerImageBuilderTaskDefinition}", "deploy-runner-docker")
                .replace("${GitTokenSecretArn}", "arn:aws:secretsmanager:us-east-1:123456789012:secret:git-AbCdEf")
                .replace("${InfraRepoUrl}", "https://github.com/acme/infra.git")
                .replace("${AppRepoUrl}", "https://github.com/acme/app.git")
                .replace("${ImageRepositoryUri}", "registry.example.invalid/app")
                .replace("${AppImageRepositoryUriPrefix}", "registry.example.invalid/bakehouse-app");
    }

    @Test
    public void engineAgreesWithTheReadmeModel_onEveryGeneratedRequest() throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("test", RunnerFixtures.configText("subnet-0a1b2c3d", "sg-0a1b2c3d"));
        texts.put("standard", standardFilledIn());
        Map<String, RunnerConfig> configs = new LinkedHashMap<>();
        List<String> command = new ArrayList<>(List.of("python3", MODEL.toString()));
        for (Map.Entry<String, String> t : texts.entrySet()) {
            Path file = tmp.getRoot().toPath().resolve(t.getKey() + ".yaml");
            Files.writeString(file, t.getValue(), StandardCharsets.UTF_8);
            configs.put(t.getKey(), RunnerConfigLoader.parse(t.getValue(), file.toString()));
            command.add("--config");
            command.add(t.getKey() + "=" + file);
        }
        Path out = tmp.getRoot().toPath().resolve("requests.jsonl");
        command.addAll(List.of("--count", String.valueOf(COUNT), "--seed", String.valueOf(SEED), "--out", out.toString()));
        Process model = new ProcessBuilder(command).redirectErrorStream(true).start();
        String modelOutput = new String(model.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("the model (python3 with PyYAML) failed: " + modelOutput, 0, model.waitFor());

        int total = 0;
        int approvals = 0;
        int nonAscii = 0;
        List<String> disagreements = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode r = Json.mapper().readTree(line);
                List<String> args = new ArrayList<>();
                r.get("args").forEach(a -> args.add(a.asText()));
                RunRequest request = new RunRequest(r.get("container").asText(), r.get("script").asText(), args,
                        null, null, "fuzz");
                Decision d = Gatekeeper.decide(configs.get(r.get("config").asText()), request);
                total++;
                if (args.stream().anyMatch(a -> a.chars().anyMatch(c -> c > 0x7e))) {
                    nonAscii++;
                }
                boolean modelApproves = r.get("approved").asBoolean();
                String why = null;
                if (d instanceof Decision.Approved a) {
                    approvals++;
                    List<String> expected = new ArrayList<>();
                    r.get("command").forEach(c -> expected.add(c.asText()));
                    if (!modelApproves) {
                        why = "the engine approves " + a.launch().command() + ", the model refuses";
                    } else if (!expected.equals(a.launch().command())) {
                        why = "commands differ: engine " + a.launch().command() + ", model " + expected;
                    }
                } else if (modelApproves) {
                    why = "the engine refuses (" + ((Decision.Rejected) d).rejection().message() + "), the model approves";
                }
                if (why != null && disagreements.size() < 10) {
                    disagreements.add(r.get("config").asText() + " " + request.container() + " " + request.script()
                            + " " + escaped(args) + ": " + why);
                }
            }
        }
        String summary = "gatekeeper fuzz: " + total + " requests (seed " + SEED + ", " + nonAscii
                + " with non-ASCII characters) checked against the documented model: " + approvals + " approved, "
                + (total - approvals) + " refused, " + (disagreements.isEmpty() ? "no disagreement" : "DISAGREEMENTS");
        System.out.println(summary);
        Files.writeString(Path.of("target", "gatekeeper-fuzz.txt"), summary + "\n", StandardCharsets.UTF_8);
        if (!disagreements.isEmpty()) {
            fail(summary + "\n" + String.join("\n", disagreements));
        }
        assertEquals(COUNT, total);
        assertTrue("the generator should reach approvals too: " + approvals, approvals > total / 20);
        assertTrue("the generator should reach refusals too: " + approvals, total - approvals > total / 5);
    }

    private static String escaped(List<String> args) {
        StringBuilder s = new StringBuilder("[");
        for (String a : args) {
            s.append(s.length() > 1 ? ", " : "").append('"');
            String shown = a.length() > 60 ? a.substring(0, 60) + "...(" + a.length() + " chars)" : a;
            shown.chars().forEach(c -> s.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            s.append('"');
        }
        return s.append(']').toString();
    }
}

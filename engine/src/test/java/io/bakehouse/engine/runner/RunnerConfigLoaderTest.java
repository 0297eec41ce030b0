package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.testkit.RunnerFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunnerConfigLoaderTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final String MINIMAL = "cluster: c\nsubnets: [subnet-1]\nsecurityGroups: [sg-1]\n"
            + "logGroup: /g\nlogStreamPrefix: p\ncontainers:\n  tf:\n    taskDefinition: tf\n    scripts:\n      plan:\n";

    private static String message(String yaml) {
        return assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(yaml, "conf.yaml")).getMessage();
    }

    @Test
    public void parse_testConfiguration_readsEveryKey() {
        RunnerConfig c = RunnerFixtures.offlineConfig();
        assertEquals("deploy-runner", c.cluster());
        assertEquals(List.of("subnet-0a1b2c3d"), c.subnets());
        assertEquals(Duration.ofMinutes(30), c.maxWaitTime());
        assertEquals(2048, c.maxCpu());
        ScriptRules build = c.containers().get("packer").scripts().get("build-packer-artifact");
        assertEquals(List.of("--machine-readable"), build.hardcodedOptions());
        assertEquals(List.of("--done"), build.hardcodedArgs());
        assertEquals(List.of("--repo", "--ref", "--template-path", "--var"), List.copyOf(build.allowedOptions()));
        assertTrue(build.optionPatterns().get("--template-path").matcher("a/b.pkr.hcl").matches());
        assertEquals(Map.of("GITHUB_TOKEN",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:deploy-runner/github-AbCdEf"),
                c.containers().get("packer").secrets());
        assertNull(c.archive());
    }

    @Test
    public void parse_scriptWithNoEntry_acceptsNoArguments() {
        ScriptRules plan = RunnerConfigLoader.parse(MINIMAL, "m").containers().get("tf").scripts().get("plan");
        assertEquals("plan", plan.command());
        assertTrue(plan.allowedOptions().isEmpty());
        assertEquals(false, plan.allowPositionalArgs());
        assertEquals("tf", RunnerConfigLoader.parse(MINIMAL, "m").containers().get("tf").containerName());
    }

    @Test
    public void parse_json_isAccepted() {
        String json = "{\"cluster\":\"c\",\"subnets\":[\"subnet-1\"],\"securityGroups\":[\"sg-1\"],\"logGroup\":\"/g\","
                + "\"logStreamPrefix\":\"p\",\"maxWaitTime\":\"90s\",\"archive\":{\"bucket\":\"logs-bucket\",\"prefix\":\"/runs/\"},"
                + "\"containers\":{\"tf\":{\"taskDefinition\":\"tf:3\",\"scripts\":{\"plan\":{\"maxArgs\":2}}}}}";
        RunnerConfig c = RunnerConfigLoader.parse(json, "conf.json");
        assertEquals(Duration.ofSeconds(90), c.maxWaitTime());
        assertEquals("runs/abc.log", c.archive().key("abc"));
    }

    @Test
    public void parse_unknownTopLevelKey_namesIt() {
        String m = message(MINIMAL + "clustr: x\n");
        assertTrue(m, m.contains("conf.yaml: runner configuration key 'clustr': unknown key"));
    }

    @Test
    public void parse_unknownScriptKey_namesFullPath() {
        String m = message(MINIMAL + "        allowedOption: [--x]\n");
        assertTrue(m, m.contains("'containers.tf.scripts.plan.allowedOption': unknown key"));
    }

    @Test
    public void parse_badValues_nameTheKey() {
        assertTrue(message(MINIMAL.replace("subnet-1", "net-1")).contains("'subnets'"));
        assertTrue(message(MINIMAL.replace("sg-1", "group")).contains("'securityGroups'"));
        assertTrue(message(MINIMAL.replace("taskDefinition: tf", "taskDefinition: 'a b'"))
                .contains("'containers.tf.taskDefinition'"));
        assertTrue(message(MINIMAL + "maxWaitTime: soon\n").contains("'maxWaitTime'"));
        assertTrue(message(MINIMAL + "maxCpu: 3000\n").contains("'maxCpu'"));
        assertTrue(message(MINIMAL + "defaultMemory: 100\n").contains("'defaultMemory'"));
        assertTrue(message(MINIMAL + "assignPublicIp: maybe\n").contains("'assignPublicIp'"));
        assertTrue(message(MINIMAL + "archive: {bucket: Not_A_Bucket}\n").contains("'archive.bucket'"));
    }

    @Test
    public void parse_badScriptRules_nameTheKey() {
        assertTrue(message(MINIMAL + "        optionPatterns: {--x: '[a-'}\n        allowedOptions: [--x]\n")
                .contains("'containers.tf.scripts.plan.optionPatterns.--x'"));
        assertTrue(message(MINIMAL + "        allowedOptions: [x]\n").contains("'containers.tf.scripts.plan.allowedOptions'"));
        assertTrue(message(MINIMAL + "        allowedOptions: [--x]\n        allowedFlags: [--x]\n")
                .contains("'containers.tf.scripts.plan.allowedFlags'"));
        assertTrue(message(MINIMAL + "        allowedOptions: [--x]\n        restrictedOptions: [--x]\n")
                .contains("'containers.tf.scripts.plan.restrictedOptions'"));
        assertTrue(message(MINIMAL + "        optionPatterns: {--y: 'a'}\n")
                .contains("'containers.tf.scripts.plan.optionPatterns.--y'"));
        assertTrue(message(MINIMAL + "        allowedRepos: [https://x.test/r.git]\n")
                .contains("'containers.tf.scripts.plan.repoOption'"));
        assertTrue(message(MINIMAL + "        command: 'plan; id'\n").contains("'containers.tf.scripts.plan.command'"));
        assertTrue(message(MINIMAL + "        maxArgs: 1000\n").contains("'containers.tf.scripts.plan.maxArgs'"));
    }

    @Test
    public void parse_secretGivenAsValue_rejected() {
        String m = message(MINIMAL.replace("    scripts:", "    secrets: {TOKEN: hunter2}\n    scripts:"));
        assertTrue(m, m.contains("'containers.tf.secrets.TOKEN'"));
        assertTrue(m, !m.contains("hunter2"));
    }

    @Test
    public void parse_duplicateKeyAndBadSyntax_rejected() {
        assertTrue(message(MINIMAL + "cluster: again\n").contains("not valid YAML or JSON"));
        assertTrue(message("cluster: [").contains("not valid YAML or JSON"));
        assertTrue(message("- a\n").contains("(top level)"));
    }

    @Test
    public void load_missingFile_saysSo() throws Exception {
        Path missing = tmp.getRoot().toPath().resolve("nope.yaml");
        String m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.load(missing)).getMessage();
        assertTrue(m, m.contains("does not exist"));
        Path file = tmp.newFile("ok.yaml").toPath();
        Files.writeString(file, MINIMAL);
        assertEquals("c", RunnerConfigLoader.load(file).cluster());
    }
}

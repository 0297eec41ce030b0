package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.RunnerFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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

    private static final Path STANDARD = Path.of("..", "jenkins-docker", "deploy-runner", "standard-config.yaml");
    private static final Path STACK = Path.of("..", "cloudformation", "deploy-runner.yaml");

    /** What the deploy-runner stack fills in for each placeholder of the standard configuration, in file order. */
    private static final Map<String, String> STACK_VALUES = stackValues();

    private static Map<String, String> stackValues() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("${Cluster}", "deploy-runner-Cluster-AbC123");
        v.put("${SubnetList}", "subnet-0a1b2c3d, subnet-0e1f2a3b");
        v.put("${TaskSecurityGroup}", "sg-0123abcd");
        v.put("${LogGroup}", "/bakehouse/deploy-runner");
        v.put("${ArchiveBucket}", "deploy-runner-archivebucket-1x2y3z");
        v.put("${PackerTaskDefinition}", "arn:aws:ecs:us-east-1:123456789012:task-definition/deploy-runner-packer:3");
        v.put("${GitTokenSecretArn}", "arn:aws:secretsmanager:us-east-1:123456789012:secret:git-AbCdEf");
        v.put("${InfraRepoUrl}", "https://github.com/acme/infra.git");
        v.put("${TerraformPlannerTaskDefinition}", "arn:aws:ecs:us-east-1:123456789012:task-definition/dr-terraform-planner:1");
        v.put("${TerraformApplierTaskDefinition}", "arn:aws:ecs:us-east-1:123456789012:task-definition/dr-terraform-applier:1");
        v.put("${DockerImageBuilderTaskDefinition}", "arn:aws:ecs:us-east-1:123456789012:task-definition/dr-docker:1");
        v.put("${ImageRepositoryUri}", "123456789012.dkr.ecr.us-east-1.amazonaws.com/built-images");
        v.put("${AppImageRepositoryUriPrefix}", "123456789012.dkr.ecr.us-east-1.amazonaws.com/bakehouse-app");
        v.put("${AppRepoUrl}", "https://github.com/acme/app.git");
        return v;
    }

    private static String filledIn(String text) {
        String out = text;
        for (Map.Entry<String, String> e : STACK_VALUES.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The standard configuration as the deploy-runner stack fills it in. */
    private static String standardFilledIn() throws Exception {
        return filledIn(Files.readString(STANDARD));
    }

    @Test
    public void parse_shippedStandardConfiguration_isValidAndAllowsItsDocumentedJobs() throws Exception {
        String text = standardFilledIn();
        assertTrue("an Advanced SSM parameter holds at most 8 KB", text.getBytes(StandardCharsets.UTF_8).length < 8192);
        RunnerConfig c = RunnerConfigLoader.parse(text, STANDARD.toString());

        assertEquals(List.of("packer", "terraform-planner", "terraform-applier", "docker-image-builder", "smoke"),
                List.copyOf(c.containers().keySet()));
        assertTrue(Gatekeeper.decide(c, new RunRequest("terraform-planner", "plan", List.of("--repo",
                "https://github.com/acme/infra.git", "--ref", "feature/x", "--path", "envs/dev"), null, null, "t"))
                instanceof Decision.Approved);
        assertTrue(Gatekeeper.decide(c, new RunRequest("terraform-applier", "apply", List.of("--repo",
                "https://github.com/acme/infra.git", "--ref", "feature/x"), null, null, "t")) instanceof Decision.Rejected);
        assertTrue(Gatekeeper.decide(c, new RunRequest("terraform-planner", "plan", List.of("--repo",
                "https://github.com/acme/infra.git", "--ref", "main", "--path", "envs/../../etc"), null, null, "t"))
                instanceof Decision.Rejected);
        assertTrue(Gatekeeper.decide(c, new RunRequest("docker-image-builder", "build-docker-image", List.of("--repo",
                "https://github.com/acme/app.git", "--ref", "main", "--destination",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/built-images:1.2.3"), null, null, "t"))
                instanceof Decision.Approved);
        assertTrue(Gatekeeper.decide(c, new RunRequest("docker-image-builder", "build-docker-image", List.of("--repo",
                "https://github.com/acme/app.git", "--ref", "main", "--destination",
                "123456789012Xdkr.ecr.us-east-1.amazonaws.com/built-images:1"), null, null, "t"))
                instanceof Decision.Rejected);
        // the container pipeline's one build, pushed to both app repositories; no other app repository
        String commit = "0123456789abcdef0123456789abcdef01234567";
        String app = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bakehouse-app-";
        assertTrue(Gatekeeper.decide(c, new RunRequest("docker-image-builder", "build-docker-image", List.of("--repo",
                "https://github.com/acme/app.git", "--ref", commit, "--context-path", "app", "--destination",
                app + "dev:" + commit, "--destination", app + "prod:" + commit, "--build-arg", "VERSION=" + commit),
                null, null, "t")) instanceof Decision.Approved);
        for (String other : List.of(app + "staging:1", app + "dev-copy:1", app + "dev", app.replace("123456789012",
                "210987654321") + "dev:1", "123456789012.dkr.ecr.us-east-1.amazonaws.com/bakehouse-app:1")) {
            assertTrue(other, Gatekeeper.decide(c, new RunRequest("docker-image-builder", "build-docker-image",
                    List.of("--repo", "https://github.com/acme/app.git", "--ref", "main", "--destination", other), null,
                    null, "t")) instanceof Decision.Rejected);
        }
        assertEquals(List.of("/opt/deploy-runner/scripts/build-packer-artifact", "--machine-readable", "--commit-branch",
                "main", "--commit-branch", "master", "--ref", "v1.2.3"),
                ((Decision.Approved) Gatekeeper.decide(c, new RunRequest("packer", "build-packer-artifact",
                        List.of("--ref", "v1.2.3"), null, null, "t"))).launch().command());
    }

    @Test
    public void standardConfiguration_refusesTheOptionInjectionsFoundByAttack() throws Exception {
        RunnerConfig c = RunnerConfigLoader.parse(standardFilledIn(), STANDARD.toString());
        String infra = "https://github.com/acme/infra.git";
        String commit = "0123456789abcdef0123456789abcdef01234567";
        List<List<String>> planAttacks = List.of(
                List.of("--repo", infra, "--ref=--upload-pack"),
                List.of("--repo", infra, "--ref", "--upload-pack=touch /tmp/x"),
                List.of("--repo", infra, "--ref", "main", "--path", "-x"),
                List.of("--repo", infra, "--ref", "main", "--ref", "feature/x"),
                List.of("--repo", infra, "--ref", commit),
                List.of("--repo", infra, "--ref", "main", "--commit-branch", "feature/x"),
                List.of("--repo", infra, "--ref", "main\u202e"));
        for (List<String> args : planAttacks) {
            for (String[] job : new String[][] {{"terraform-planner", "plan"}, {"terraform-applier", "apply"}}) {
                assertTrue(job[1] + " " + args, Gatekeeper.decide(c, new RunRequest(job[0], job[1], args, null, null,
                        "t")) instanceof Decision.Rejected);
            }
        }
        String app = "https://github.com/acme/app.git";
        String dest = "123456789012.dkr.ecr.us-east-1.amazonaws.com/built-images:1";
        assertTrue(Gatekeeper.decide(c, new RunRequest("docker-image-builder", "build-docker-image", List.of("--repo",
                app, "--ref=--upload-pack", "--destination", dest), null, null, "t")) instanceof Decision.Rejected);
        assertEquals(List.of("/opt/deploy-runner/scripts/build-docker-image", "--commit-branch", "main",
                "--commit-branch", "master", "--repo", app, "--ref", commit, "--destination", dest),
                ((Decision.Approved) Gatekeeper.decide(c, new RunRequest("docker-image-builder", "build-docker-image",
                        List.of("--repo", app, "--ref", commit, "--destination", dest), null, null, "t"))).launch()
                        .command());
        assertTrue(Gatekeeper.decide(c, new RunRequest("packer", "build-packer-artifact", List.of("--repo", infra,
                "--ref", "main", "--machine-readable"), null, null, "t")) instanceof Decision.Rejected);
        assertEquals(List.of("/opt/deploy-runner/scripts/plan", "--repo", infra, "--ref", "main", "--var", "a=1",
                "--var", "b=2"), ((Decision.Approved) Gatekeeper.decide(c, new RunRequest("terraform-planner", "plan",
                List.of("--repo", infra, "--ref", "main", "--var=a=1", "--var", "b=2"), null, null, "t"))).launch()
                .command());
    }

    @Test
    public void deployRunnerStack_embedsTheStandardConfigurationVerbatim() throws Exception {
        StringBuilder indented = new StringBuilder();
        for (String line : Files.readString(STANDARD).split("\n", -1)) {
            indented.append(line.isEmpty() ? "" : "          " + line).append('\n');
        }
        String embedded = indented.substring(0, indented.length() - 1);
        assertTrue("cloudformation/deploy-runner.yaml must embed standard-config.yaml unchanged (10-space indent)",
                Files.readString(STACK).contains(embedded));
    }

    @Test
    public void parse_standardTemplate_refusedNamingEveryUnfilledPlaceholder() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RunnerConfigLoader.parse(Files.readString(STANDARD), STANDARD.toString()));
        assertTrue(e.getMessage(), e.getMessage().startsWith("runner configuration " + STANDARD + " is a template: "
                + String.join(", ", STACK_VALUES.keySet()) + " are not filled in, so nothing can run from it"));
        assertTrue(e.hint(), e.hint().contains("--invoker") && e.hint().contains("--describe-containers"));
        Path file = tmp.newFile("standard-config.yaml").toPath();
        Files.copy(STANDARD, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.load(file));
    }

    @Test
    public void parse_onePlaceholderLeftAnywhere_refusesTheWholeConfiguration() {
        String rules = "        allowedOptions: [--repo]\n        repoOption: --repo\n";
        // Each of these is a configuration that would otherwise load: the placeholder alone refuses it.
        assertEquals("tf", RunnerConfigLoader.parse(MINIMAL + rules + "        allowedRepos: [https://x.test/r.git]\n",
                "conf.yaml").containers().get("tf").taskDefinition());
        for (String left : List.of(
                MINIMAL + rules + "        allowedRepos: [${InfraRepoUrl}]\n",
                MINIMAL + rules + "        optionPatterns: {--repo: '\\Q${RepoUrl}\\E'}\n",
                MINIMAL + "        description: \"plans ${AWS::Region}\"\n",
                MINIMAL + "    environment: {TF_WORKSPACE: ${Workspace.Name}}\n",
                MINIMAL.replace("tf:\n", "${Name}:\n"))) {
            String m = message(left);
            assertTrue(m, m.contains("conf.yaml is a template: ${"));
        }
    }

    @Test
    public void parse_placeholderInACommentOrEscaped_isNoTemplate() {
        RunnerConfig c = RunnerConfigLoader.parse("# filled in from ${Cluster} by the stack\n" + MINIMAL
                + "        description: 'costs $5 {per run}, ${!NotAVariable} or ${lower-case}'\n", "conf.yaml");
        assertEquals("c", c.cluster());
        assertEquals("costs $5 {per run}, ${!NotAVariable} or ${lower-case}",
                c.containers().get("tf").scripts().get("plan").description());
    }

    @Test
    public void describe_standardTemplate_isTheFilledInDescriptionWithThePlaceholdersAsWritten() throws Exception {
        Map<String, Object> template = RunnerConfigLoader.describe(STANDARD);

        assertEquals(List.copyOf(STACK_VALUES.keySet()), template.remove("placeholders"));
        Map<String, Object> filled = RunnerConfigLoader.parse(standardFilledIn(), "filled").describe();
        assertEquals(Json.write(filled), filledIn(Json.write(template)));
        String json = Json.write(template);
        Map<?, ?> packer = (Map<?, ?>) ((Map<?, ?>) template.get("containers")).get("packer");
        assertEquals("${PackerTaskDefinition}", packer.get("taskDefinition"));
        assertEquals(List.of("GITHUB_TOKEN"), packer.get("secrets"));
        Map<?, ?> image = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) template.get("containers"))
                .get("docker-image-builder")).get("scripts")).get("build-docker-image");
        assertEquals(List.of("${InfraRepoUrl}", "${AppRepoUrl}"), image.get("allowedRepos"));
        assertEquals("(\\Q${ImageRepositoryUri}\\E|\\Q${AppImageRepositoryUriPrefix}\\E-(dev|prod)):[A-Za-z0-9_.-]{1,128}",
                ((Map<?, ?>) image.get("optionPatterns")).get("--destination"));
        assertTrue("no secret value or stack value is described", !json.contains("arn:aws"));
    }

    @Test
    public void describe_templateWithABadRule_namesTheKeyAndTheFile() throws Exception {
        Path file = tmp.newFile("bad-template.yaml").toPath();
        Files.writeString(file, Files.readString(STANDARD).replace("        allowedFlags: [--force]\n",
                "        allowedFlag: [--force]\n"));
        String m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.describe(file)).getMessage();
        assertTrue(m, m.startsWith(file + ": runner configuration key "
                + "'containers.packer.scripts.build-packer-artifact.allowedFlag': unknown key"));
        Files.writeString(file, Files.readString(STANDARD).replace("maxCpu: 4096", "maxCpu: 3000"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.describe(file)).getMessage();
        assertTrue(m, m.contains("'maxCpu'"));
    }

    @Test
    public void describe_configuration_isWhatItsRunnerConfigDescribes() throws Exception {
        Path file = tmp.newFile("conf.yaml").toPath();
        Files.writeString(file, RunnerFixtures.configText("subnet-0a1b2c3d", "sg-0a1b2c3d"));
        Map<String, Object> described = RunnerConfigLoader.describe(file);
        assertEquals(RunnerFixtures.offlineConfig().describe(), described);
        assertTrue(!described.containsKey("placeholders"));
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

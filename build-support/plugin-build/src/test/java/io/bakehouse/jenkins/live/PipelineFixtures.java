package io.bakehouse.jenkins.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.json.Yaml;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;




import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What the pipeline test needs around Jenkins: the controller's configuration read from
 * {@code jenkins-docker/controller/casc.yaml}, the job its job-DSL script declares (as REST
 * config.xml), and the AWS side in moto that the project's stacks and deploy runner provide in a
 * real account: the environments' network parameters, the deploy runner's cluster, and a stand-in
 * for the runner's container.
 */
final class PipelineFixtures {

    private PipelineFixtures() {
    }

    /**
     * The project's controller configuration with the parts whose plugins the distribution lacks
     * taken out, each named: the ECS cloud (amazon-ecs; the harness's inbound agent labelled
     * {@code ecs-fargate} stands in for it), the TCP agent port (the agent connects over WebSocket,
     * so nothing listens beyond 127.0.0.1's HTTP port), the GitHub plugin's settings (its webhook is
     * stood in for by the git plugin's notifyCommit) and the job-DSL {@code jobs} (the test creates
     * the job that script declares over REST). Git is declared as a tool, as the agent image has it.
     */
    static String casc(Path cascFile, LiveJenkins jenkins) {
        try {
            ObjectNode casc = (ObjectNode) Yaml.MAPPER.readTree(cascFile.toFile());
            ObjectNode controller = (ObjectNode) casc.get("jenkins");
            require(controller.remove("clouds"), "jenkins.clouds");
            require(controller.remove("slaveAgentPort"), "jenkins.slaveAgentPort");
            controller.set("nodes", Yaml.MAPPER.readTree(jenkins.agentNodeYaml()));
            require(((ObjectNode) casc.get("unclassified")).remove("gitHubPluginConfig"), "unclassified.gitHubPluginConfig");
            require(casc.remove("jobs"), "jobs");
            ObjectNode git = casc.putObject("tool").putObject("git");
            git.putArray("installations").addObject().put("name", "Default").put("home", "git");
            return Yaml.MAPPER.writeValueAsString(casc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code casc} with one more system credential: an AWS credential of the aws-credentials
     * plugin holding {@code accessKey} and {@code secretKey}, as an administrator would add it.
     */
    static String withAwsCredential(String casc, String id, String accessKey, String secretKey) {
        try {
            ObjectNode tree = (ObjectNode) Yaml.MAPPER.readTree(casc);
            ArrayNode credentials = (ArrayNode) tree.path("credentials").path("system").path("domainCredentials")
                    .path(0).path("credentials");
            credentials.addObject().putObject("aws").put("scope", "GLOBAL").put("id", id)
                    .put("description", "AWS keys for the library face").put("accessKey", accessKey)
                    .put("secretKey", secretKey);
            return Yaml.MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(JsonNode removed, String what) {
        if (removed == null) {
            throw new AssertionError("casc.yaml has no " + what + " any more: update the pipeline test");
        }
    }

    /** What the job-DSL script of casc.yaml declares about the pipeline job and its folder. */
    record JobSpec(String folder, String job, String credentialId, String credentialVariable, String branch,
                   String scriptPath, boolean lightweight, String pollSpec, boolean disableConcurrentBuilds) {

        static JobSpec of(Path cascFile) {
            try {
                String script = Yaml.MAPPER.readTree(cascFile.toFile()).get("jobs").get(0).get("script").asText();
                String folder = one(script, "folder\\('([^']+)'\\)");
                String path = one(script, "pipelineJob\\('([^']+)'\\)");
                if (!path.startsWith(folder + "/")) {
                    throw new AssertionError("the job " + path + " is not in the folder " + folder);
                }
                return new JobSpec(folder, path.substring(folder.length() + 1), one(script, "\\bid\\('([^']+)'\\)"),
                        one(script, "secret\\('\\$\\{([A-Z_]+)}'\\)"), one(script, "branch\\('([^']+)'\\)"),
                        one(script, "scriptPath\\('([^']+)'\\)"),
                        Boolean.parseBoolean(one(script, "lightweight\\((true|false)\\)")),
                        one(script, "scmpoll_spec\\('([^']+)'\\)"), script.contains("disableConcurrentBuilds()"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String one(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find()) {
                throw new AssertionError("casc.yaml's job script has no " + regex);
            }
            String found = m.group(1);
            if (m.find()) {
                throw new AssertionError("casc.yaml's job script has more than one " + regex);
            }
            return found;
        }

        /** The REST path of the job, e.g. {@code bakehouse/job/pipeline}. */
        String path() {
            return folder + "/job/" + job;
        }

        /** The job's config.xml: the same definition, SCM, branch, script path, trigger and property. */
        String configXml(String url, String credentialsId, String scriptPath, boolean trigger) {
            return configXml(url, credentialsId, scriptPath, trigger, branch);
        }

        /** The same job building {@code branchSpec}. */
        String configXml(String url, String credentialsId, String scriptPath, boolean trigger, String branchSpec) {
            String triggers = trigger ? "<org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty>"
                    + "<triggers><hudson.triggers.SCMTrigger><spec>" + pollSpec + "</spec>"
                    + "<ignorePostCommitHooks>false</ignorePostCommitHooks></hudson.triggers.SCMTrigger></triggers>"
                    + "</org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty>" : "";
            return "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin=\"workflow-job\"><properties>"
                    + (disableConcurrentBuilds
                    ? "<org.jenkinsci.plugins.workflow.job.properties.DisableConcurrentBuildsJobProperty/>" : "")
                    + triggers + "</properties>"
                    + "<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition\" plugin=\"workflow-cps\">"
                    + "<scm class=\"hudson.plugins.git.GitSCM\" plugin=\"git\"><configVersion>2</configVersion>"
                    + "<userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>" + url + "</url><credentialsId>"
                    + credentialsId + "</credentialsId></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs>"
                    + "<branches><hudson.plugins.git.BranchSpec><name>" + branchSpec + "</name></hudson.plugins.git.BranchSpec>"
                    + "</branches><doGenerateSubmoduleConfigurations>false</doGenerateSubmoduleConfigurations>"
                    + "<extensions/></scm><scriptPath>" + scriptPath + "</scriptPath><lightweight>" + lightweight
                    + "</lightweight></definition><disabled>false</disabled></flow-definition>";
        }
    }

    /** The network of each environment, as the operator's SSM parameters hold it (params/ENV.json reads them). */
    static void createNetwork(AwsClients aws, String environment, String cidrPrefix) throws IOException, InterruptedException {
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock(cidrPrefix + ".0.0/16")).vpc().vpcId();
        String a = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock(cidrPrefix + ".1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        String b = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock(cidrPrefix + ".2.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
        String prefix = "/DeploymentConfig/" + environment + "/Network/";
        put(aws, prefix + "VpcId", vpc);
        put(aws, prefix + "LoadBalancerSubnetIds", a + "," + b);
        put(aws, prefix + "InstanceSubnetIds", a + "," + b);
        if (environment.equals("prod")) {
            put(aws, prefix + "CertificateArn", requestCertificate(aws.endpointUrl(), "app.bakehouse.invalid"));
        }
    }

    private static void put(AwsClients aws, String name, String value) {
        aws.ssm().putParameter(r -> r.name(name).value(value).type("String"));
    }

    /** An ACM certificate in moto (the engine has no ACM client: one JSON call). */
    private static String requestCertificate(String endpoint, String domain) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "CertificateManager.RequestCertificate")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAFIXTURE/20260101/us-east-1/acm/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("DomainName", domain)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("moto's ACM answered " + r.statusCode() + ": " + r.body());
        }
        return Json.mapper().readTree(r.body()).get("CertificateArn").asText();
    }

    /**
     * The deploy runner as cloudformation/deploy-runner.yaml makes it, in moto: cluster, task
     * definition, log group, subnet and security group; returns the runner configuration
     * (scripts/demo/runner-config.yaml, the smoke job) filled in with them.
     */
    static String createRunner(AwsClients aws, Path root) throws IOException, InterruptedException {
        RunnerNetwork network = createRunnerResources(aws);
        RunnerFixtures.registerTaskDefinition(aws, "deploy-runner-smoke", "runner");
        return Files.readString(root.resolve("scripts/demo/runner-config.yaml"), StandardCharsets.UTF_8)
                .replace("${SUBNET}", network.subnet()).replace("${SECURITY_GROUP}", network.securityGroup());
    }

    /** Where the deploy runner's tasks run. */
    record RunnerNetwork(String subnet, String securityGroup) {
    }

    /**
     * The deploy runner's cluster {@link RunnerFixtures#CLUSTER}, log group {@link RunnerFixtures#LOG_GROUP}
     * and network in moto, without task definitions; tasks are held RUNNING until a player stops them.
     */
    static RunnerNetwork createRunnerResources(AwsClients aws) {
        String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.60.0.0/16")).vpc().vpcId();
        aws.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
        String subnet = aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.60.1.0/24")).subnet().subnetId();
        String sg = aws.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("deploy-runner")
                .description("deploy runner tasks")).groupId();
        aws.ecs().createCluster(r -> r.clusterName(RunnerFixtures.CLUSTER));
        aws.logs().createLogGroup(r -> r.logGroupName(RunnerFixtures.LOG_GROUP));
        // moto moves a task one state on each DescribeTasks; real tasks run until their container exits
        RunnerFixtures.holdTasksRunning(aws.endpointUrl());
        return new RunnerNetwork(subnet, sg);
    }

    /**
     * Plays the deploy runner's container in moto, which runs none: each new task's command (the
     * argument vector the gatekeeper approved) runs with this repository's copy of the runner
     * image's script, its output goes to the task's log stream as the awslogs driver would write
     * it, and the task stops when the script exits. Only scripts of the image may run.
     */
    static final class SmokeRunner {
        private static final String CLUSTER = RunnerFixtures.CLUSTER;
        private static final String LOG_GROUP = RunnerFixtures.LOG_GROUP;
        private static final String IMAGE_SCRIPTS = "/opt/deploy-runner/scripts/";

        private final AwsClients aws;
        private final Path scripts;
        private final Map<String, String> environment;
        private final TaskPlayer player;
        private final Set<String> handled = new HashSet<>();
        private final List<String> played = new CopyOnWriteArrayList<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean stopped;

        SmokeRunner(AwsClients aws, Path root) {
            this(aws, root, Map.of());
        }

        /** A player whose scripts also get {@code environment}, e.g. a stand-in for the image's Kaniko. */
        SmokeRunner(AwsClients aws, Path root, Map<String, String> environment) {
            this.aws = aws;
            this.scripts = root.resolve("jenkins-docker/deploy-runner/scripts");
            this.environment = Map.copyOf(environment);
            this.player = new TaskPlayer(aws);
            this.thread = new Thread(this::loop, "smoke-runner");
            thread.setDaemon(true);
            thread.start();
        }

        /** The commands played so far. */
        List<String> played() {
            return List.copyOf(played);
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        private void loop() {
            while (!stopped) {
                try {
                    List<String> arns = aws.ecs().listTasks(r -> r.cluster(CLUSTER).desiredStatus("RUNNING")).taskArns();
                    List<String> fresh = arns.stream().filter(a -> !handled.contains(a)).toList();
                    if (!fresh.isEmpty()) {
                        for (Task task : aws.ecs().describeTasks(r -> r.cluster(CLUSTER).tasks(fresh)).tasks()) {
                            handled.add(task.taskArn());
                            play(task);
                        }
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | IOException e) {
                    failures.add(e.toString());
                }
            }
        }

        private void play(Task task) throws IOException, InterruptedException {
            var override = task.overrides().containerOverrides().get(0);
            List<String> command = new ArrayList<>(override.command());
            if (command.isEmpty() || !command.get(0).startsWith(IMAGE_SCRIPTS)
                    || command.get(0).substring(IMAGE_SCRIPTS.length()).contains("/")) {
                failures.add("refused to play " + command);
                return;
            }
            Path script = scripts.resolve(command.get(0).substring(IMAGE_SCRIPTS.length()));
            command.set(0, script.toString());
            played.add(String.join(" ", override.command()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process p = builder.start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                failures.add(String.join(" ", command) + " failed: " + lines);
            }
            String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
            TaskProgress progress = new TaskProgress(CLUSTER, task.taskArn(), override.name(), LOG_GROUP,
                    "runner/" + override.name() + "/" + id, null, "RUNNING");
            player.write(progress, lines);
            Thread.sleep(1500); // the step reads the stream before ECS reports the task stopped
            player.exit(progress);
        }

        void close() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(10_000);
        }
    }

    /** A tree of JSON read from a build's artifact. */
    static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }
}

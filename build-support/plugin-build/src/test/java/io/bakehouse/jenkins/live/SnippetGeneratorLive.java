package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RunnerFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * The Snippet Generator of a job, driven as its page does: the step list, each step's form as
 * the page renders it, the {@code generateSnippet} request the page sends (form field
 * {@code json} holding the step's form as JSON), and then a build made of the generated
 * snippet, which must bind every value the form was given.
 */
public class SnippetGeneratorLive {

    private static final LiveJenkins JENKINS = LiveJenkinsIT.JENKINS;
    private static final String JOB = "snippets";
    private static final Map<String, String> STEPS = Map.of(
            "packerBuild", "io.bakehouse.jenkins.packer.PackerBuildStep",
            "publishAmiParam", "io.bakehouse.jenkins.ssm.PublishAmiParamStep",
            "cfnDeploy", "io.bakehouse.jenkins.cfn.CfnDeployStep",
            "ecsDeployRunner", "io.bakehouse.jenkins.runner.EcsDeployRunnerStep",
            "ecsServiceDeploy", "io.bakehouse.jenkins.ecs.EcsServiceDeployStep",
            "publishSite", "io.bakehouse.jenkins.site.PublishSiteStep");
    private static final Pattern PROXY = Pattern.compile("data-proxy-url=\"([^\"]+)\" data-proxy-crumb=\"([^\"]+)\"[^>]*>"
            + "</div><div style=\"display:none\" class=\"tr\"><div><input name=\"stapler-class\" type=\"hidden\" value=\""
            + "([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b([^>]*)>");

    private static String page;

    @BeforeClass
    public static void snippetGeneratorPage() throws Exception {
        JENKINS.rest().createPipeline(JOB, "echo 'the Snippet Generator lives here'");
        page = JENKINS.rest().get("job/" + JOB + "/pipeline-syntax/").expect(200).body();
    }

    @Test
    public void page_listsTheStepsByFunctionAndDisplayName() {
        for (String option : List.of("packerBuild: Bake an AMI with Packer",
                "publishAmiParam: Publish an AMI ID to an SSM parameter",
                "cfnDeploy: Deploy a CloudFormation stack through a change set",
                "ecsDeployRunner: Run a deploy-runner script as an ECS task",
                "ecsServiceDeploy: Roll an ECS service to new container images")) {
            assertTrue(option, page.contains("<option value=\"" + option + "\">" + option + "</option>"));
        }
        STEPS.values().forEach(c -> assertTrue(c, page.contains("name=\"stapler-class\" type=\"hidden\" value=\"" + c + "\"")));
        Matcher button = Pattern.compile("<button id=\"generatePipelineScript\"[^>]*data-url=\"([^\"]+)\"").matcher(page);
        assertTrue("no Generate button", button.find());
        assertTrue(button.group(1), button.group(1).endsWith("pipeline-syntax/generateSnippet"));
    }

    @Test
    public void publishAmiParam_everyFormField_boundByTheSnippetAndTheBuild() throws Exception {
        String name = "/forms/App/AmiId";
        String ami = "ami-0123456789abcdef0"; // not in moto: skipImageCheck has to be bound for this to pass
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("amiId", ami);
        form.put("description", "Published from the Snippet Generator");
        form.put("tier", "Standard");
        form.put("dataType", "text");
        form.put("noOverwrite", true);
        form.put("skipImageCheck", true);
        form.put("force", true);
        common(form, "us-west-2", "forms-publisher");
        // an AWS credential (aws-credentials) in this form; the other forms name a username/password one
        form.put("credentialsId", LiveJenkins.AWS_CREDENTIALS_ID);

        String snippet = snippet("publishAmiParam", form);
        String choices = credentialsChoices("publishAmiParam");
        for (String id : List.of(LiveJenkins.CREDENTIALS_ID, LiveJenkins.AWS_CREDENTIALS_ID, LiveJenkins.AWS_ROLE_CREDENTIALS_ID)) {
            assertTrue(id + " in " + choices, choices.contains("\"value\":\"" + id + "\""));
        }
        assertFalse("a Secret text credential holds no AWS keys: " + choices,
                choices.contains("\"value\":\"" + LiveJenkins.BUILD_URL_CREDENTIALS_ID + "\""));
        JENKINS.rest().createPipeline("snippet-publish", "node('ecs-fargate') {\n  def r = " + snippet + "\n"
                + "  echo \"published ${r.name} in ${r.region} version ${r.version} changed ${r.changed}\"\n}\n");

        String first = JENKINS.rest().run("snippet-publish", "SUCCESS");
        String second = JENKINS.rest().run("snippet-publish", "SUCCESS");

        assertTrue(first, first.contains("published " + name + " in us-west-2 version 1 changed true"));
        // the same value again: only force makes a new version of it
        assertTrue(second, second.contains("[publishAmiParam] Wrote " + ami + " to " + name + " in us-west-2 (version 2,"
                + " was " + ami + ")"));
        var ssm = regionClients("us-west-2").ssm();
        Parameter p = ssm.getParameter(q -> q.name(name)).parameter();
        assertEquals(ami, p.value());
        assertEquals("text", p.dataType());
        ParameterMetadata meta = ssm.describeParameters(q -> q.parameterFilters(
                ParameterStringFilter.builder().key("Name").values(name).build()))
                .parameters().get(0);
        assertEquals("Published from the Snippet Generator", meta.description());
        assertEquals("Standard", meta.tierAsString());
        assertAssumed("forms-publisher");
    }

    @Test
    public void packerBuild_everyFormField_boundByTheSnippetAndTheBuild() throws Exception {
        String job = "snippet-packer";
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("template", "form.pkr.hcl");
        form.put("onError", "abort");
        form.put("force", true);
        form.put("workingDir", "bake");
        form.put("packer", "tools/packer-wrapper");
        form.put("rebake", true);
        form.put("timeout", "12m");
        common(form, "us-east-1", "forms-baker");

        String snippet = snippet("packerBuild", form);
        JENKINS.rest().createPipeline(job, "node('ecs-fargate') {\n  def r = " + snippet + "\n"
                + "  echo \"baked ${r.amiId} reused ${r.reused}\"\n}\n");
        Workspaces.write(JENKINS, job, "bake/form.pkr.hcl", localTemplate());
        Path args = JENKINS.workspace(job).resolve("packer-args.txt");
        Path wrapper = Workspaces.write(JENKINS, job, "tools/packer-wrapper", "#!/bin/sh\n"
                + "# the packer binary of this form: notes its arguments, then runs the real one\n"
                + "echo \"$*\" >> '" + args + "'\nexec packer \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

        String first = JENKINS.rest().run(job, "SUCCESS");
        String second = JENKINS.rest().run(job, "SUCCESS");

        assertTrue(first, first.contains("[packerBuild] packer build form.pkr.hcl (timeout 12m)"));
        String ami1 = PackerBuildLive.value(first, "baked (ami-[0-9a-f]+) reused false");
        // rebake builds again from the same inputs; force lets Packer replace the AMI of the same name
        String ami2 = PackerBuildLive.value(second, "baked (ami-[0-9a-f]+) reused false");
        assertNotEquals(ami1, ami2);
        List<Image> images = JENKINS.moto().clients().ec2().describeImages(q -> q.owners("self")
                .filters(Filter.builder().name("name").values("bakehouse-forms-bake").build())).images();
        assertEquals(List.of(ami2), images.stream().map(Image::imageId).toList());
        String packerArgs = Files.readString(args);
        assertTrue(packerArgs, packerArgs.lines().anyMatch(l -> l.startsWith("build ") && l.contains("-on-error=abort")
                && l.contains("-force")));
        assertAssumed("forms-baker");
    }

    @Test
    public void cfnDeploy_everyFormField_boundByTheSnippetsAndTheBuilds() throws Exception {
        String stack = "forms-stack";
        JENKINS.moto().clients().s3().createBucket(q -> q.bucket("forms-templates"));
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("stack", stack);
        review.put("template", "cloudformation/app.yaml");
        review.put("paramsFile", "cloudformation/params.json");
        review.put("tagsFile", "cloudformation/tags.json");
        review.put("cfnRoleArn", "arn:aws:iam::123456789012:role/forms-cfn");
        // turned on after an execution, which this one is not: bound here, but inert (moto has no
        // UpdateTerminationProtection, so the executing form below leaves it off)
        review.put("terminationProtection", true);
        review.put("onFailure", "DELETE");
        review.put("disableRollback", false);
        review.put("monitoringMinutes", "7");
        review.put("stackPolicy", "");
        review.put("s3Bucket", "forms-templates");
        review.put("s3Prefix", "forms/");
        review.put("changeSetName", "forms-review");
        review.put("noExecute", true);
        review.put("executeChangeSet", "");
        review.put("failOnEmptyChangeset", true);
        review.put("replaceFailedStack", false);
        review.put("timeout", "25m");
        review.put("report", "reports/review.html");
        common(review, "us-east-1", "forms-deployer");
        Map<String, Object> execute = new LinkedHashMap<>(review);
        execute.replaceAll((k, v) -> v instanceof Boolean ? Boolean.FALSE : "");
        execute.put("stack", stack);
        execute.put("executeChangeSet", "forms-review");
        execute.put("disableRollback", true);
        execute.put("replaceFailedStack", true);
        execute.put("stackPolicy", "cloudformation/policy.json");
        execute.put("timeout", "25m");
        execute.put("report", "reports/execute.html");
        common(execute, "us-east-1", "forms-deployer");

        Map<String, Object> badTimeout = new LinkedHashMap<>(execute);
        badTimeout.put("timeout", "whenever");
        String reviewSnippet = snippet("cfnDeploy", review);
        String executeSnippet = snippet("cfnDeploy", execute);
        String badTimeoutSnippet = snippet("cfnDeploy", badTimeout);
        String body = "node('ecs-fargate') {\n  def r = %s\n  echo \"status ${r.status} change set ${r.changeSetName}"
                + " executed ${r.executed}\"\n}\n";
        JENKINS.rest().createPipeline("snippet-cfn-review", body.formatted(reviewSnippet));
        JENKINS.rest().createPipeline("snippet-cfn-execute", body.formatted(executeSnippet));
        JENKINS.rest().createPipeline("snippet-cfn-timeout", body.formatted(badTimeoutSnippet));
        for (String job : List.of("snippet-cfn-review", "snippet-cfn-execute")) {
            Workspaces.write(JENKINS, job, "cloudformation/app.yaml", bigTemplate());
            Workspaces.write(JENKINS, job, "cloudformation/params.json", "{\"Value\": \"from-the-form\"}");
            Workspaces.write(JENKINS, job, "cloudformation/tags.json", "{\"Team\": \"forms\"}");
            Workspaces.write(JENKINS, job, "cloudformation/policy.json", POLICY);
        }

        String reviewed = JENKINS.rest().run("snippet-cfn-review", "SUCCESS");

        assertTrue(reviewed, reviewed.contains("status REVIEW_IN_PROGRESS change set forms-review executed false"));
        assertTrue(reviewed, reviewed.contains("uploading it to s3://forms-templates/forms/"));
        var cfn = JENKINS.moto().clients().cloudFormation();
        DescribeChangeSetResponse cs = cfn.describeChangeSet(q -> q.stackName(stack).changeSetName("forms-review"));
        assertEquals(Map.of("Value", "from-the-form"), cs.parameters().stream()
                .collect(java.util.stream.Collectors.toMap(p -> p.parameterKey(), p -> p.parameterValue())));
        Stack inReview = cfn.describeStacks(q -> q.stackName(stack)).stacks().get(0);
        assertEquals("REVIEW_IN_PROGRESS", inReview.stackStatusAsString());
        assertEquals(Map.of("Team", "forms"), inReview.tags().stream()
                .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value())));
        assertFalse(JENKINS.moto().clients().s3().listObjectsV2(q -> q.bucket("forms-templates").prefix("forms/"))
                .contents().isEmpty());
        assertTrue(Files.readString(JENKINS.workspace("snippet-cfn-review").resolve("reports/review.html"))
                .contains("forms-review"));

        String executed = JENKINS.rest().run("snippet-cfn-execute", "SUCCESS");

        assertTrue(executed, executed.contains("status CREATE_COMPLETE change set forms-review executed true"));
        assertTrue(cfn.getStackPolicy(q -> q.stackName(stack)).stackPolicyBody().contains("Update:*"));
        assertEquals("from-the-form", JENKINS.moto().clients().ssm().getParameter(q -> q.name("/forms/value"))
                .parameter().value());
        assertTrue(Files.isRegularFile(JENKINS.workspace("snippet-cfn-execute").resolve("reports/execute.html")));

        // the review snippet again: nothing to change, and failOnEmptyChangeset makes that a failure
        String empty = JENKINS.rest().run("snippet-cfn-review", "FAILURE");
        assertTrue(empty, empty.lines().anyMatch(("ERROR: cfnDeploy: Stack forms-stack is already up to date: the change set"
                + " was empty and failing on an empty change set was asked for (deploy without"
                + " --fail-on-empty-changeset)")::equals));
        String timedOut = JENKINS.rest().run("snippet-cfn-timeout", "FAILURE");
        assertTrue(timedOut, timedOut.lines().anyMatch(("ERROR: cfnDeploy: timeout 'whenever' is not a duration (use a"
                + " number with a unit, e.g. 90s, 45m, 2h or 1h30m (a bare number means minutes))")::equals));
        assertAssumed("forms-deployer");
    }

    @Test
    public void ecsDeployRunner_everyFormField_boundByTheSnippetsAndTheBuilds() throws Exception {
        Set<String> tasksBefore = new LiveRunner(JENKINS.moto().clients()).tasks();
        Map<String, Object> gatekept = new LinkedHashMap<>();
        gatekept.put("container", "terraform-planner");
        gatekept.put("script", "plan");
        gatekept.put("invoker", "");
        gatekept.put("config", "runner/config.yaml");
        gatekept.put("taskCpu", "512");
        gatekept.put("taskMemory", "16384");
        gatekept.put("maxWaitTime", "40m");
        gatekept.put("returnStatus", true);
        common(gatekept, "us-east-1", "forms-runner");
        Map<String, Object> invoked = new LinkedHashMap<>(gatekept);
        invoked.put("container", "packer");
        invoked.put("script", "build-packer-artifact");
        invoked.put("invoker", "forms-invoker");
        invoked.put("config", "");
        invoked.put("taskCpu", "1024");
        invoked.put("taskMemory", "2048");
        invoked.put("maxWaitTime", "forty minutes");
        invoked.put("returnStatus", false);

        String byConfig = snippet("ecsDeployRunner", gatekept);
        String byInvoker = snippet("ecsDeployRunner", invoked);
        JENKINS.rest().createPipeline("snippet-runner-config", "node('ecs-fargate') {\n  " + byConfig + "\n}\n");
        Workspaces.write(JENKINS, "snippet-runner-config", "runner/config.yaml",
                RunnerFixtures.configText("subnet-0a1b2c3d", "sg-0a1b2c3d"));
        JENKINS.rest().createPipeline("snippet-runner-invoker", "node('ecs-fargate') {\n  " + byInvoker + "\n}\n");
        JENKINS.rest().createPipeline("snippet-runner-invoker-wait", "node('ecs-fargate') {\n  "
                + byInvoker.replace("maxWaitTime: 'forty minutes'", "maxWaitTime: '40m'") + "\n}\n");

        String refused = JENKINS.rest().run("snippet-runner-config", "FAILURE");
        String badWait = JENKINS.rest().run("snippet-runner-invoker", "FAILURE");
        String asked = JENKINS.rest().run("snippet-runner-invoker-wait", "FAILURE");

        // the configuration's gatekeeper saw the form's container, script, CPU and memory
        assertTrue(refused, refused.lines().anyMatch(("ERROR: ecsDeployRunner: deploy runner refused terraform-planner plan:"
                + " task memory 16384 MiB is not allowed with 512 CPU units: use 1024-4096 MiB in steps of 1024, at most"
                + " 8192 (run with --describe-containers to see what each script accepts)")::equals));
        assertTrue(badWait, badWait.lines().anyMatch(l -> l.startsWith(
                "ERROR: ecsDeployRunner: maxWaitTime 'forty minutes' is not a duration")));
        // moto cannot run Lambda functions: the step's error shows the function it asked
        assertTrue(asked, asked.contains("[ecsDeployRunner] Asking forms-invoker to run packer build-packer-artifact"));
        assertTrue(asked, asked.lines().anyMatch(l -> l.startsWith("ERROR: ecsDeployRunner: AWS refused invoking the deploy"
                + " runner function forms-invoker (ResourceNotFoundException): ")));
        for (String log : List.of(refused, badWait, asked)) {
            assertFalse(log, log.contains("\tat io.bakehouse"));
        }
        var ecs = JENKINS.moto().clients().ecs();
        ecs.createCluster(q -> q.clusterName(RunnerFixtures.CLUSTER)); // the one the configuration names; kept if there
        assertEquals(tasksBefore, new LiveRunner(JENKINS.moto().clients()).tasks());
    }

    /** The common AWS fields of every step's form (its "AWS identity, region and endpoint" section). */
    private static void common(Map<String, Object> form, String region, String role) {
        form.put("region", region);
        form.put("credentialsId", LiveJenkins.CREDENTIALS_ID);
        form.put("roleArn", "arn:aws:iam::123456789012:role/" + role);
        form.put("externalId", role + "-external-id");
        form.put("roleSessionName", role + "-session");
        form.put("endpointUrl", JENKINS.moto().endpoint());
    }

    /**
     * Fills the step's form as rendered by the page (every field it has, no other) and asks for
     * the snippet as the Generate button does; checks the snippet names every value given.
     */
    private static String snippet(String function, Map<String, Object> values) throws Exception {
        String stepClass = STEPS.get(function);
        Map<String, String> fields = formFields(stepClass);
        assertEquals("the fields of the " + function + " form", new TreeMap<>(fields).keySet(),
                new TreeMap<>(values).keySet());
        ObjectNode json = Json.mapper().createObjectNode();
        values.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                assertEquals(k, "checkbox", fields.get(k));
                json.put(k, b);
            } else {
                json.put(k, (String) v);
            }
        });
        json.put("stapler-class", stepClass);
        json.put("$class", stepClass);
        String snippet = JENKINS.rest().postForm("job/" + JOB + "/pipeline-syntax/generateSnippet",
                Map.of("json", Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json))).expect(200).body().trim();
        assertTrue(snippet, snippet.startsWith(function + " "));
        assertFalse(snippet, snippet.contains("\n"));
        values.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                // a checkbox left at its default is not written
                boolean isDefault = "replaceFailedStack".equals(k) ? b : !b;
                assertEquals(snippet + " / " + k, !isDefault, snippet.contains(k + ": " + b));
            } else if (!((String) v).isEmpty()) {
                String literal = "number".equals(fields.get(k)) ? (String) v : "'" + v + "'";
                assertTrue(snippet + " lacks " + k, snippet.contains(k + ": " + literal)
                        || snippet.equals(function + " " + literal));
            } else {
                assertFalse(snippet + " has the blank " + k, snippet.contains(k + ": "));
            }
        });
        return snippet;
    }

    /** The form the page renders for {@code stepClass} (through its render-on-demand proxy): field → input type. */
    private static Map<String, String> formFields(String stepClass) throws Exception {
        Matcher m = PROXY.matcher(page);
        while (m.find()) {
            if (m.group(3).equals(stepClass)) {
                String html = JENKINS.rest().post(m.group(1).substring(1) + "/render",
                        "application/x-stapler-method-invocation;charset=UTF-8", "[]", Map.of("Crumb", m.group(2)))
                        .expect(200).body();
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher f = FIELD.matcher(html);
                while (f.find()) {
                    Matcher name = Pattern.compile("name=\"_\\.([A-Za-z0-9]+)\"").matcher(f.group(2));
                    if (name.find()) {
                        Matcher type = Pattern.compile("type=\"([a-z]+)\"").matcher(f.group(2));
                        fields.put(name.group(1), type.find() ? type.group(1) : f.group(1));
                    }
                }
                return fields;
            }
        }
        throw new AssertionError("the Snippet Generator page has no form for " + stepClass);
    }

    /** The credentials drop-down of the step's form, as the page fills it (JSON). */
    private static String credentialsChoices(String function) throws Exception {
        String body = JENKINS.rest().postForm("job/" + JOB + "/pipeline-syntax/descriptorByName/" + STEPS.get(function)
                + "/fillCredentialsIdItems", Map.of("credentialsId", "")).expect(200).body();
        assertFalse(body, body.contains(LiveJenkins.SECRET_KEY));
        assertFalse(body, body.contains(LiveJenkins.AWS_SECRET_KEY));
        return body;
    }

    /** moto assumed the form's role with its external ID and session name (so those three were bound). */
    private static void assertAssumed(String role) throws Exception {
        List<MotoServer.AssumedRole> assumed = JENKINS.moto().assumedRoles();
        assertTrue("moto assumed no role " + role + " with the form's external ID and session name: " + assumed,
                assumed.stream().anyMatch(a -> a.roleArn().equals("arn:aws:iam::123456789012:role/" + role)
                        && (role + "-external-id").equals(a.externalId()) && (role + "-session").equals(a.sessionName())));
    }

    private static io.bakehouse.engine.aws.AwsClients regionClients(String region) {
        return JENKINS.moto().track(io.bakehouse.engine.aws.AwsClients.create(
                io.bakehouse.testkit.MotoServer.settingsFor(JENKINS.moto().endpoint()).withRegion(region),
                new io.bakehouse.engine.aws.AwsEnvironment(Map.of())));
    }

    /** A local-mode template of the form's own, with a fixed AMI name (so a second bake needs force). */
    private static String localTemplate() {
        return """
                # A local-mode bake for the Snippet Generator test: moto's EC2, no instance access.
                source "amazon-ebs" "forms" {
                  region                     = "us-east-1"
                  instance_type              = "t3.micro"
                  ami_name                   = "bakehouse-forms-bake"
                  custom_endpoint_ec2        = "%s"
                  skip_credential_validation = true
                  skip_metadata_api_check    = true
                  skip_region_validation     = true
                  communicator               = "none"

                  source_ami_filter {
                    filters = {
                      name = "al2023-ami-2023.*-x86_64"
                    }
                    owners      = ["amazon"]
                    most_recent = true
                  }
                }

                build {
                  sources = ["source.amazon-ebs.forms"]
                }
                """.formatted(JENKINS.moto().endpoint());
    }

    private static final String POLICY = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"Update:*\","
            + " \"Principal\": \"*\", \"Resource\": \"*\"}]}";

    /** A template over CloudFormation's inline limit, so that s3Bucket and s3Prefix are used. */
    private static String bigTemplate() {
        StringBuilder t = new StringBuilder(String.join("\n",
                "Parameters:",
                "  Value:",
                "    Type: String",
                "Resources:",
                "  Param:",
                "    Type: AWS::SSM::Parameter",
                "    Properties:",
                "      Name: /forms/value",
                "      Type: String",
                "      Value: !Ref Value",
                ""));
        for (int i = 0; t.length() < 60_000; i++) {
            t.append("# padding line ").append(i).append(": this template is over the inline limit on purpose\n");
        }
        return t.toString();
    }
}

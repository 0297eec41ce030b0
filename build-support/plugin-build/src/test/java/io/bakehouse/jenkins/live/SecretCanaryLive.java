package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.jenkins.build.Distribution;
import io.bakehouse.testkit.CommandLineSampler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.Test;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * packerBuild's sensitiveVars tried as an attacker on the machine would: the value of a Secret text credential
 * (created by configuration as code) is baked into an AMI, while the command line of every process (controller,
 * agent, Packer and its plugins) is sampled from /proc. The canary must reach Packer and appear in no command
 * line, not in the console, the step's result, Packer's manifest, the controller's or the agent's log, nor
 * anywhere in the build's folder (build.xml, program.dat, the log, the workflow folder).
 */
public class SecretCanaryLive {

    private static final String JOB = "bake-canary";
    private static final String MISSING_JOB = "bake-missing-credential";

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @Test
    public void packerBuild_secretTextCredential_reachesPackerAndNothingElse() throws Exception {
        String canary = LiveJenkins.BUILD_URL_SECRET;
        String token = canary.substring(canary.indexOf("canary"));
        jenkins.rest().createPipeline(JOB, """
                node('ecs-fargate') {
                  def r = packerBuild template: 'packer/bakehouse-app.pkr.hcl', only: ['local.*'],
                      vars: [app_version: '2.0.0-canary', git_sha: 'fedcba9876543210', environment: 'live',
                             local_ec2_endpoint: '%s', app_binary: 'app-binary', manifest_path: 'packer-manifest.json'],
                      sensitiveVars: [build_url: '%s'],
                      rebake: true, timeout: '10m', %s
                  echo "result=${r}"
                }
                """.formatted(jenkins.moto().endpoint(), LiveJenkins.BUILD_URL_CREDENTIALS_ID,
                Workspaces.aws(jenkins, "us-east-1")));
        Workspaces.copyTree(jenkins, JOB, Distribution.root().resolve("packer"), "packer");
        Workspaces.write(jenkins, JOB, "app-binary", "test input for the canary bake\n");

        CommandLineSampler commandLines = new CommandLineSampler();
        commandLines.start();
        String log;
        int number;
        try {
            number = jenkins.rest().build(JOB);
            String result = jenkins.rest().awaitResult(JOB, number);
            log = jenkins.rest().console(JOB, number);
            assertEquals(log, "SUCCESS", result);
        } finally {
            commandLines.stop();
        }

        String amiId = PackerBuildLive.value(log, "result=.*amiId:(ami-[0-9a-f]+).*");
        Image image = jenkins.moto().clients().ec2().describeImages(q -> q.imageIds(amiId)).images().get(0);
        assertEquals("the credential's value reached Packer", canary, tag(image, "BuildUrl"));
        // the sampler looked while Packer ran on the agent
        assertTrue(commandLines.seen().toString(), commandLines.seen().stream()
                .anyMatch(c -> c.contains("packer") && c.contains(" build ")));
        for (String form : List.of(token, URLEncoder.encode(canary, StandardCharsets.UTF_8))) {
            assertEquals("command lines holding the canary", List.of(),
                    commandLines.seen().stream().filter(c -> c.contains(form)).toList());
            assertFalse(log, log.contains(form));
            String manifest = Files.readString(jenkins.workspace(JOB).resolve("packer-manifest.json"));
            assertFalse(manifest, manifest.contains(form));
            assertFalse("the controller's log holds the canary", jenkins.controllerLog().contains(form));
            assertFalse("the agent's log holds the canary",
                    Files.readString(jenkins.home().getParent().resolve("agent.log")).contains(form));
            Secrets.assertNotInTree(jenkins.buildDir(JOB, number), form);
        }
        assertTrue(log, log.contains("\"BuildUrl\": \"****\""));
    }

    @Test
    public void packerBuild_missingCredential_failsNamingTheVariableBeforePackerRuns() throws Exception {
        String notAnId = "pasted-secret-" + java.util.UUID.randomUUID();
        jenkins.rest().createPipeline(MISSING_JOB, """
                node('ecs-fargate') {
                  packerBuild template: 'packer/bakehouse-app.pkr.hcl', only: ['local.*'],
                      sensitiveVars: [build_url: '%s'], %s
                }
                """.formatted(notAnId, Workspaces.aws(jenkins, "us-east-1")));

        String log = jenkins.rest().run(MISSING_JOB, "FAILURE");

        assertTrue(log, log.contains("packerBuild: sensitiveVars entry 'build_url' names no Secret text credential"
                + " this build may use"));
        assertFalse("a value pasted where the ID belongs is not shown", log.contains(notAnId));
        assertFalse(log, log.contains("packer validate"));
    }

    private static String tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }
}

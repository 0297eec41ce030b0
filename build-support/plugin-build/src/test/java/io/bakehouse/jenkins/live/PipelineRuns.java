package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the suites that run a pipeline of this repository in the real Jenkins share (PipelineIT,
 * ContainersPipelineIT): the controller's and the agent's environment, the job in its folder with
 * the prod role's external ID, the results a build archived, and the checks of its log.
 */
final class PipelineRuns {

    /** The identity the agents' task role stands for, as moto sees it. */
    static final String AGENT_ACCESS_KEY = "AKIAAGENTTASKROLE001";

    private PipelineRuns() {
    }

    /** The controller's environment: its admin's password, the project's repository and the webhook's token. */
    static Map<String, String> controllerEnv(LiveJenkins j, String adminPassword, String gitUrl, String githubToken) {
        return Map.of("BAKEHOUSE_ADMIN_PASSWORD", adminPassword, "BAKEHOUSE_GIT_URL", gitUrl,
                "BAKEHOUSE_GITHUB_USER", "bakehouse-ci", "BAKEHOUSE_GITHUB_TOKEN", githubToken,
                "BAKEHOUSE_JENKINS_URL", j.url());
    }

    /**
     * The agent's environment as the ECS agent template sets it, against the suite's moto: region,
     * the agents' identity, the CLI, the prod role and the runner configuration the gatekeeper reads.
     * A suite adds its Jenkinsfile's own emulator settings to the returned map.
     */
    static Map<String, String> agentEnv(LiveJenkins j, String agentSecretKey, Path root, String prodRoleArn,
                                        Path runnerConfig) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", j.moto().endpoint());
        env.put("AWS_ACCESS_KEY_ID", AGENT_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", agentSecretKey);
        env.put("BAKEHOUSE_CLI", root.resolve("bin/bakehouse").toString());
        env.put("BAKEHOUSE_PROD_ROLE_ARN", prodRoleArn);
        env.put("BAKEHOUSE_RUNNER_CONFIG", runnerConfig.toString());
        return env;
    }

    /** The job's folder, which alone holds the prod role's external ID as a credential, and a job in it. */
    static void createFolderAndJob(JenkinsRest rest, PipelineFixtures.JobSpec job, String externalId, String jobName,
                                   String configXml) throws IOException, InterruptedException {
        rest.post("createItem?name=" + job.folder(), "application/xml",
                "<com.cloudbees.hudson.plugins.folder.Folder plugin=\"cloudbees-folder\"/>").expect(200);
        rest.post("job/" + job.folder() + "/credentials/store/folder/domain/_/createCredentials", "application/xml",
                "<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl><scope>GLOBAL</scope><id>"
                        + job.credentialId() + "</id><description>prod role external ID</description><secret>"
                        + externalId + "</secret></org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>")
                .expect(200, 302);
        rest.post("job/" + job.folder() + "/createItem?name=" + jobName, "application/xml", configXml).expect(200);
    }

    /** The step results a build archived (reports/results/NAME.json), by name; those it did not archive are absent. */
    static Map<String, JsonNode> results(JenkinsRest rest, String path, int number, String... names)
            throws IOException, InterruptedException {
        Map<String, JsonNode> results = new HashMap<>();
        for (String name : names) {
            JenkinsRest.Answer a = rest.get("job/" + path + "/" + number + "/artifact/reports/results/" + name + ".json");
            if (a.status() == 200) {
                results.put(name, PipelineFixtures.json(a.body()));
            }
        }
        return results;
    }

    static void assertInOrder(String log, String... markers) {
        int at = -1;
        for (String marker : markers) {
            int next = log.indexOf(marker, at + 1);
            assertTrue("'" + marker + "' after position " + at + " in:\n" + log, next > at);
            at = next;
        }
    }

    /** No secret in the console, nor in any file of the build's directory. */
    static void assertNoSecret(LiveJenkins j, String path, int number, String log, List<String> secrets)
            throws IOException {
        Path buildDir = j.home().resolve("jobs/" + path.replace("/job/", "/jobs/") + "/builds/" + number);
        for (String secret : secrets) {
            assertFalse("a secret is in the console", log.contains(secret));
            Secrets.assertNotInTree(buildDir, secret);
        }
    }
}

package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.FaultProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * aws-credentials is an optional dependency: in a Jenkins of the same distribution without it
 * and its AWS SDK plugins, the plugin loads, its steps run the pipeline {@link AwsCredentialsLive}
 * runs with a username/password credential, and the credentials drop-down lists what there is.
 */
public class WithoutAwsCredentialsIT {

    private static final Set<String> AWS_PLUGINS = Set.of("aws-credentials", "aws-java-sdk-minimal",
            "aws-java-sdk-ec2", "aws-java-sdk2-core", "aws-java-sdk2-ec2");

    @ClassRule
    public static final LiveJenkins JENKINS = new LiveJenkins(new LiveJenkins.Setup(
            Path.of("target/live-without-aws-credentials"), LiveJenkins::cascWithoutAwsCredentials,
            j -> Map.of(), j -> Map.of(), null, null, AWS_PLUGINS));

    @Rule
    public final FaultProxy proxy = new FaultProxy(JENKINS.moto());

    @Test
    public void plugin_loadsAndIsActive_withoutAwsCredentialsOrItsSdkPlugins() throws Exception {
        Map<String, Boolean> active = new TreeMap<>();
        for (JsonNode p : JENKINS.rest().json("pluginManager/api/json?tree=plugins[shortName,active]").get("plugins")) {
            active.put(p.get("shortName").asText(), p.get("active").asBoolean());
        }
        assertEquals(active.toString(), Boolean.TRUE, active.get("bakehouse"));
        assertEquals(Set.of(), AWS_PLUGINS.stream().filter(active::containsKey).collect(java.util.stream.Collectors.toSet()));
        assertEquals("[]", JENKINS.rest().script(
                "println(jenkins.model.Jenkins.get().pluginManager.failedPlugins.collect { it.name })").trim());
        String log = JENKINS.controllerLog();
        assertFalse(log, log.contains("Failed Loading plugin Bakehouse"));
    }

    @Test
    public void samePipeline_usernamePasswordCredential_signsWithItsKeys() throws Exception {
        String name = "/without-aws-credentials/App/AmiId";
        String ami = AwsFixtures.createAmi(JENKINS.moto().clients(), "without-aws-credentials");
        JENKINS.rest().createPipeline("publish", AwsCredentialsLive.publishPipeline(proxy.endpoint(), name, ami,
                LiveJenkins.CREDENTIALS_ID));

        int number = JENKINS.rest().build("publish");
        String result = JENKINS.rest().awaitResult("publish", number);
        String log = JENKINS.rest().console("publish", number);

        assertEquals(log, "SUCCESS", result);
        assertTrue(log, log.contains("published " + name + " version 1"));
        assertEquals(ami, JENKINS.moto().clients().ssm().getParameter(q -> q.name(name)).parameter().value());
        assertEquals(List.of(LiveJenkins.ACCESS_KEY), proxy.log().stream().filter(r -> r.action().equals("PutParameter"))
                .map(FaultProxy.Request::accessKeyId).toList());
        assertFalse(log, log.contains(LiveJenkins.SECRET_KEY));
        Secrets.assertNotInTree(JENKINS.buildDir("publish", number), LiveJenkins.SECRET_KEY);
    }

    @Test
    public void credentialsDropDownAndErrors_nameUsernamePasswordCredentialsOnly() throws Exception {
        JENKINS.rest().createPipeline("missing-credential", AwsCredentialsLive.publishPipeline(proxy.endpoint(),
                "/without-aws-credentials/missing", "ami-0123456789abcdef0", "no-such-credential"));
        String page = JENKINS.rest().get("job/missing-credential/pipeline-syntax/").expect(200).body();
        String choices = JENKINS.rest().postForm("job/missing-credential/pipeline-syntax/descriptorByName/"
                        + "io.bakehouse.jenkins.ssm.PublishAmiParamStep/fillCredentialsIdItems", Map.of("credentialsId", ""))
                .expect(200).body();

        String log = JENKINS.rest().run("missing-credential", "FAILURE");

        assertTrue(page.contains("publishAmiParam: Publish an AMI ID to an SSM parameter"));
        assertTrue(choices, choices.contains("\"value\":\"" + LiveJenkins.CREDENTIALS_ID + "\""));
        assertFalse(choices, choices.contains("\"value\":\"" + LiveJenkins.BUILD_URL_CREDENTIALS_ID + "\""));
        assertTrue(log, log.lines().anyMatch(("ERROR: publishAmiParam: credentialsId 'no-such-credential' does not name a"
                + " credential this build may use: it must name a username/password credential (add a username/password"
                + " credential holding the access key ID as username and the secret key as password, or leave"
                + " credentialsId out to use the agent's role)")::equals));
        assertEquals("nothing reached AWS", List.of(), proxy.log());
    }
}

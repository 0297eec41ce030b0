package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.testkit.AwsFixtures;
import org.junit.Test;

/** publishAmiParam on the agent, with the controller's credential. */
public class PublishAmiParamLive {

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @Test
    public void publishAmiParam_withCredentialsId_writesSsmAndKeepsTheSecretOutOfTheBuild() throws Exception {
        String ami = AwsFixtures.createAmi(jenkins.moto().clients(), "live-publish");
        jenkins.rest().createPipeline("publish", """
                node('ecs-fargate') {
                  def r = publishAmiParam name: '/DeploymentConfig/dev/App/AmiId', amiId: '%s',
                      region: 'us-east-1', endpointUrl: '%s', credentialsId: '%s'
                  echo "published ${r.name} version ${r.version}"
                }
                """.formatted(ami, jenkins.moto().endpoint(), LiveJenkins.CREDENTIALS_ID));
        String log = jenkins.rest().run("publish", "SUCCESS");
        assertTrue(log, log.contains("published /DeploymentConfig/dev/App/AmiId version 1"));
        assertTrue(log, log.contains("Running on " + LiveJenkins.AGENT));
        assertEquals(ami, jenkins.moto().clients().ssm().getParameter(q -> q.name("/DeploymentConfig/dev/App/AmiId"))
                .parameter().value());
        assertFalse(log, log.contains(LiveJenkins.SECRET_KEY));
        Secrets.assertNotInTree(jenkins.buildDir("publish", 1), LiveJenkins.SECRET_KEY);
    }
}

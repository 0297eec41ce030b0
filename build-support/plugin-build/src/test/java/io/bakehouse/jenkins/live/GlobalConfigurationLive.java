package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.MotoServer;
import java.util.Map;
import org.junit.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Manage Jenkins → System → Bakehouse, set by configuration as code (LiveJenkins's casc.yaml):
 * shown on the configuration page, and used by steps that name no region or invoker.
 */
public class GlobalConfigurationLive {

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @Test
    public void manageJenkins_showsTheDefaultsFromConfigurationAsCode() throws Exception {
        String page = jenkins.rest().get("manage/configure").expect(200).body();

        int start = page.indexOf("name=\"io-bakehouse-jenkins-BakehouseGlobalConfiguration\"");
        assertTrue("no Bakehouse section on the configuration page", start >= 0);
        String section = page.substring(start);
        assertTrue(section, section.contains("Default region"));
        assertTrue(section, section.matches("(?s).*<input name=\"_\\.region\"[^>]* value=\""
                + LiveJenkins.DEFAULT_REGION + "\".*"));
        assertTrue(section, section.matches("(?s).*<input name=\"_\\.invokerFunction\"[^>]* value=\""
                + LiveJenkins.DEFAULT_INVOKER + "\".*"));
        assertTrue(section, section.matches("(?s).*<input name=\"_\\.roleArn\"[^>]* value=\"\".*"));
        for (String field : new String[] {"region", "roleArn", "invokerFunction"}) {
            String help = jenkins.rest().get("descriptor/io.bakehouse.jenkins.BakehouseGlobalConfiguration/help/" + field)
                    .expect(200).body();
            assertFalse(field, help.isBlank());
        }
    }

    @Test
    public void publishAmiParam_withoutRegion_writesInTheDefaultRegion() throws Exception {
        String name = "/global-config/App/AmiId";
        AwsClients frankfurt = jenkins.moto().track(AwsClients.create(
                MotoServer.settingsFor(jenkins.moto().endpoint()).withRegion(LiveJenkins.DEFAULT_REGION),
                new AwsEnvironment(Map.of())));
        String ami = AwsFixtures.createAmi(frankfurt, "global-config");
        jenkins.rest().createPipeline("global-region", """
                node('ecs-fargate') {
                  def r = publishAmiParam name: '%s', amiId: '%s', endpointUrl: '%s', credentialsId: '%s'
                  echo "published in ${r.region} version ${r.version}"
                }
                """.formatted(name, ami, jenkins.moto().endpoint(), LiveJenkins.CREDENTIALS_ID));

        String log = jenkins.rest().run("global-region", "SUCCESS");

        assertTrue(log, log.contains("published in " + LiveJenkins.DEFAULT_REGION + " version 1"));
        assertEquals(ami, frankfurt.ssm().getParameter(q -> q.name(name)).parameter().value());
        assertThrows(ParameterNotFoundException.class,
                () -> jenkins.moto().clients().ssm().getParameter(q -> q.name(name)));
    }

    @Test
    public void ecsDeployRunner_withoutInvokerOrConfig_asksTheDefaultInvoker() throws Exception {
        jenkins.rest().createPipeline("global-invoker", """
                node('ecs-fargate') {
                  ecsDeployRunner container: 'terraform-planner', script: 'plan', endpointUrl: '%s', credentialsId: '%s'
                }
                """.formatted(jenkins.moto().endpoint(), LiveJenkins.CREDENTIALS_ID));

        String log = jenkins.rest().run("global-invoker", "FAILURE");

        // moto cannot run Lambda functions: the step's error shows which one it asked
        assertTrue(log, log.contains("[ecsDeployRunner] Asking " + LiveJenkins.DEFAULT_INVOKER
                + " to run terraform-planner plan"));
        // ... in the default region too
        assertTrue(log, log.lines().anyMatch(l -> l.startsWith("ERROR: ecsDeployRunner: AWS refused invoking the deploy"
                + " runner function " + LiveJenkins.DEFAULT_INVOKER + " (ResourceNotFoundException): ")
                && l.contains("arn:aws:lambda:" + LiveJenkins.DEFAULT_REGION + ":")));
        assertFalse(log, log.contains("\tat io.bakehouse"));
    }
}

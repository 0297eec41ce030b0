package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.ExtensionList;
import hudson.model.Result;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.MotoServer;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** Manage Jenkins → System → Bakehouse in a live Jenkins (-Pjenkins), across a restart. */
public class BakehouseGlobalConfigurationJenkinsTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static final String ROLE = "arn:aws:iam::123456789012:role/deployer";

    private static BakehouseGlobalConfiguration config() {
        return ExtensionList.lookupSingleton(BakehouseGlobalConfiguration.class);
    }

    @Test
    public void settings_surviveTheFormAndARestart() throws Throwable {
        sessions.then(r -> {
            config().setRegion("eu-west-1");
            config().setRoleArn(ROLE);
            config().setInvokerFunction("bakehouse-invoker");
            r.configRoundtrip();
        });
        sessions.then(r -> {
            assertEquals(new PluginDefaults("eu-west-1", ROLE, "bakehouse-invoker"), BakehouseGlobalConfiguration.defaults());
        });
    }

    @Test
    public void defaultRegion_isUsedByAStepThatNamesNone() throws Throwable {
        sessions.then(r -> {
            MOTO.reset();
            String amiId = AwsFixtures.createAmi(MOTO.clients(), "app");
            SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                    CredentialsScope.GLOBAL, "aws-keys", null, "AKIAIOSFODNN7EXAMPLE", "global-config-test-secret"));
            config().setRegion(MotoServer.REGION);
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition("node { def r = publishAmiParam name: '/app/ami', amiId: '" + amiId
                    + "', endpointUrl: '" + MOTO.endpoint() + "', credentialsId: 'aws-keys'\n echo \"region=${r.region}\" }",
                    true));
            WorkflowRun b = r.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));
            r.assertLogContains("region=" + MotoServer.REGION, b);
        });
    }
}

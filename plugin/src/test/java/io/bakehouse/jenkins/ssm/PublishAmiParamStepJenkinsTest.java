package io.bakehouse.jenkins.ssm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.ListBoxModel;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.MotoServer;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * publishAmiParam in a live Jenkins (needs the Jenkins Maven repository: -Pjenkins). The
 * step runs on an agent JVM against a moto server started by the test.
 */
public class PublishAmiParamStepJenkinsTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final JenkinsRule r = new JenkinsRule();

    private static final String NAME = "/DeploymentConfig/dev/App/AmiId";
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "jenkins-test-secret-key-never-logged";

    private String amiId;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        amiId = AwsFixtures.createAmi(MOTO.clients(), "app");
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "aws-keys", "AWS test keys", KEY_ID, SECRET));
        SystemCredentialsProvider.getInstance().save();
        r.createOnlineSlave(Label.get("remote"));
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p" + System.nanoTime());
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private String common() {
        return "region: 'us-east-1', endpointUrl: '" + MOTO.endpoint() + "', credentialsId: 'aws-keys'";
    }

    @Test
    public void publishAmiParam_onAnAgent_writesTheParameterAndReturnsTheResultMap() throws Exception {
        WorkflowRun b = run("node('remote') {\n"
                + "  def r = publishAmiParam name: '" + NAME + "', amiId: '" + amiId + "', labels: ['build-1'], "
                + common() + "\n"
                + "  echo \"published ${r.name} ${r.amiId} version=${r.version} changed=${r.changed}"
                + " previous=${r.previousValue} labels=${r.labels} regions=${r.regions.keySet()}\"\n"
                + "}", Result.SUCCESS);
        r.assertLogContains("[publishAmiParam] Checking that " + amiId + " exists in us-east-1", b);
        r.assertLogContains("published " + NAME + " " + amiId + " version=1 changed=true previous=null"
                + " labels=[build-1] regions=[us-east-1]", b);
        r.assertLogNotContains(SECRET, b);
        assertEquals(amiId, MOTO.clients().ssm().getParameter(p -> p.name(NAME)).parameter().value());
    }

    @Test
    public void publishAmiParam_sameAmiAgain_reportsUnchanged() throws Exception {
        String script = "node('remote') {\n"
                + "  def r = publishAmiParam name: '" + NAME + "', amiId: '" + amiId + "', " + common() + "\n"
                + "  echo \"version=${r.version} changed=${r.changed}\"\n"
                + "}";
        run(script, Result.SUCCESS);
        WorkflowRun second = run(script, Result.SUCCESS);
        r.assertLogContains("version=1 changed=false", second);
    }

    @Test
    public void publishAmiParam_noAmi_failsTheBuildWithOneLineAndWritesNothing() throws Exception {
        WorkflowRun b = run("node('remote') { publishAmiParam name: '" + NAME + "', " + common() + " }", Result.FAILURE);
        r.assertLogContains("ERROR: publishAmiParam: amiId (or amis) is required", b);
        r.assertLogNotContains("\tat io.bakehouse", b);
        assertEquals(0, MOTO.clients().ssm().describeParameters().parameters().size());
    }

    @Test
    public void publishAmiParam_unknownCredentialsId_failsNamingIt() throws Exception {
        WorkflowRun b = run("node('remote') { publishAmiParam name: '" + NAME + "', amiId: '" + amiId
                + "', region: 'us-east-1', endpointUrl: '" + MOTO.endpoint() + "', credentialsId: 'nope' }",
                Result.FAILURE);
        r.assertLogContains("publishAmiParam: credentialsId 'nope' does not name a username/password credential", b);
    }

    @Test
    public void publishAmiParam_outsideNode_failsForWantOfAWorkspace() throws Exception {
        WorkflowRun b = run("publishAmiParam name: '" + NAME + "', amiId: '" + amiId + "', " + common(), Result.FAILURE);
        r.assertLogContains("Required context class hudson.FilePath is missing", b);
    }

    @Test
    public void credentialsDropDown_listsTheUsernamePasswordCredentials() throws Exception {
        ListBoxModel items = r.jenkins.getDescriptorByType(PublishAmiParamStep.DescriptorImpl.class)
                .doFillCredentialsIdItems(null, "");
        assertTrue(items.toString(), items.stream().anyMatch(o -> "aws-keys".equals(o.value)));
        assertTrue("an empty choice keeps the agent's own identity", items.stream().anyMatch(o -> o.value.isEmpty()));
    }

    @Test
    public void snippetGenerator_roundTrip_keepsEveryFormParameter() throws Exception {
        PublishAmiParamStep step = new PublishAmiParamStep(NAME);
        step.setAmiId(amiId);
        step.setDescription("the app");
        step.setTier("Standard");
        step.setDataType("text");
        step.setNoOverwrite(true);
        step.setSkipImageCheck(true);
        step.setForce(true);
        step.setRegion("us-east-1");
        step.setCredentialsId("aws-keys");
        step.setRoleArn("arn:aws:iam::123456789012:role/deployer");
        step.setExternalId("ext");
        step.setRoleSessionName("build-1");
        step.setEndpointUrl(MOTO.endpoint());
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }
}

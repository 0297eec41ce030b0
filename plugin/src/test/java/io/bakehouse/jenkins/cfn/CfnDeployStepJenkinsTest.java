package io.bakehouse.jenkins.cfn;

import static org.junit.Assert.assertEquals;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.bakehouse.testkit.MotoServer;
import java.util.List;
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
 * cfnDeploy in a live Jenkins (needs the Jenkins Maven repository: -Pjenkins): a stack from a
 * template in the agent's workspace, deployed against a moto server started by the test.
 */
public class CfnDeployStepJenkinsTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final JenkinsRule r = new JenkinsRule();

    private DumbSlave agent;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        agent = r.createOnlineSlave(Label.get("remote"));
    }

    private WorkflowRun run(WorkflowJob job, String body, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition("node('remote') {\n"
                + "  withEnv(['AWS_ACCESS_KEY_ID=testing', 'AWS_SECRET_ACCESS_KEY=testing']) {\n" + body + "\n  }\n}", true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private static String deploy(String value) {
        return "    def d = cfnDeploy stack: 'app', template: 'app.yaml', params: [Value: '" + value + "'], "
                + "region: 'us-east-1', endpointUrl: '" + MOTO.endpoint() + "'\n"
                + "    echo \"status=${d.status} noChanges=${d.noChanges} executed=${d.executed}\"";
    }

    @Test
    public void cfnDeploy_createThenUpdateThenNothing_returnsEachResult() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        agent.getWorkspaceFor(job).child("app.yaml").write(CfnDeployTasksTest.TEMPLATE, "UTF-8");

        WorkflowRun created = run(job, deploy("v1"), Result.SUCCESS);
        r.assertLogContains("[cfnDeploy] Executing change set bakehouse-", created);
        r.assertLogContains("status=CREATE_COMPLETE noChanges=false executed=true", created);

        WorkflowRun updated = run(job, deploy("v2"), Result.SUCCESS);
        r.assertLogContains("status=UPDATE_COMPLETE", updated);
        assertEquals("v2", MOTO.clients().ssm().getParameter(q -> q.name("/app/value")).parameter().value());

        WorkflowRun unchanged = run(job, deploy("v2"), Result.SUCCESS);
        r.assertLogContains("noChanges=true executed=false", unchanged);
    }

    @Test
    public void cfnDeploy_noTemplate_failsTheBuildWithOneLineAndCreatesNothing() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "bad");
        WorkflowRun b = run(job, "    cfnDeploy stack: 'app', region: 'us-east-1', endpointUrl: '" + MOTO.endpoint() + "'",
                Result.FAILURE);
        r.assertLogContains("ERROR: cfnDeploy: template is required", b);
        r.assertLogNotContains("\tat io.bakehouse", b);
        assertEquals(List.of(), MOTO.clients().cloudFormation().listStacks().stackSummaries());
    }

    @Test
    public void snippetGenerator_roundTrip_keepsEveryFormParameter() throws Exception {
        CfnDeployStep step = new CfnDeployStep("app-dev");
        step.setTemplate("cloudformation/app.yaml");
        step.setParamsFile("cloudformation/params/dev.json");
        step.setOnFailure("DELETE");
        step.setMonitoringMinutes(10);
        step.setTerminationProtection(true);
        step.setReplaceFailedStack(false);
        step.setTimeout("45m");
        step.setReport("reports/deploy-dev.html");
        step.setRegion("us-east-1");
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }
}

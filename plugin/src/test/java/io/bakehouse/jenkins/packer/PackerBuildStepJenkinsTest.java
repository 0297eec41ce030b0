package io.bakehouse.jenkins.packer;

import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.bakehouse.testkit.MotoServer;
import java.io.InputStream;
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
 * packerBuild in a live Jenkins (needs the Jenkins Maven repository: -Pjenkins): a local-mode
 * bake on an agent JVM against a moto server started by the test.
 */
public class PackerBuildStepJenkinsTest {

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

    private WorkflowRun run(WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private String common() {
        return "region: 'us-east-1', endpointUrl: '" + MOTO.endpoint() + "'";
    }

    @Test
    public void packerBuild_localTemplateInTheWorkspace_returnsTheAmiAndMasksSensitiveVars() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "bake");
        FilePath bake = agent.getWorkspaceFor(job).child("bake");
        try (InputStream in = getClass().getResourceAsStream("/io/bakehouse/engine/packer/local-bake.pkr.hcl")) {
            bake.child("local-bake.pkr.hcl").copyFrom(in);
        }
        bake.child("app-binary").write("app build 1", "UTF-8");
        String script = "node('remote') {\n"
                + "  withEnv(['AWS_ACCESS_KEY_ID=testing', 'AWS_SECRET_ACCESS_KEY=testing']) {\n"
                + "    def r = packerBuild template: 'local-bake.pkr.hcl', workingDir: 'bake', "
                + "vars: [ec2_endpoint: '" + MOTO.endpoint() + "', app_binary: 'app-binary'], "
                + "sensitiveVars: [db_password: 'pw-never-logged'], " + common() + "\n"
                + "    echo \"baked ${r.amiId} reused=${r.reused} regions=${r.amis.keySet()}\"\n"
                + "  }\n"
                + "}";
        WorkflowRun b = run(job, script, Result.SUCCESS);
        r.assertLogContains("[packerBuild] Bake key ", b);
        r.assertLogContains("reused=false regions=[us-east-1]", b);
        r.assertLogNotContains("pw-never-logged", b);
        WorkflowRun again = run(job, script, Result.SUCCESS);
        r.assertLogContains("reused=true", again);
    }

    @Test
    public void packerBuild_onlyAndExcept_failsTheBuildWithOneLine() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "bad");
        WorkflowRun b = run(job, "node('remote') { packerBuild template: 'x.pkr.hcl', only: ['a.*'], except: ['b.*'], "
                + common() + " }", Result.FAILURE);
        r.assertLogContains("ERROR: packerBuild: only and except cannot be used together", b);
        r.assertLogNotContains("\tat io.bakehouse", b);
    }

    @Test
    public void snippetGenerator_roundTrip_keepsEveryFormParameter() throws Exception {
        PackerBuildStep step = new PackerBuildStep("packer/bakehouse-app.pkr.hcl");
        step.setOnError("abort");
        step.setForce(true);
        step.setWorkingDir("infra");
        step.setPacker("/usr/bin/packer");
        step.setRebake(true);
        step.setTimeout("45m");
        step.setRegion("us-east-1");
        step.setEndpointUrl(MOTO.endpoint());
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }
}

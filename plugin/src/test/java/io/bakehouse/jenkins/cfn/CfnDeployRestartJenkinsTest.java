package io.bakehouse.jenkins.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.FilePath;
import hudson.model.Result;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.MotoServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller restart in the middle of a cfnDeploy wait (needs the Jenkins Maven repository:
 * -Pjenkins). moto finishes a stack at once, so a proxy in front of it answers DescribeStacks
 * with CREATE_IN_PROGRESS from the execution of the change set until the test lets go, in the
 * second session: the stack's events reach the log before the restart, the wait resumes after
 * it, prints none of them again and finishes with the result and the report.
 */
public class CfnDeployRestartJenkinsTest {

    private static final MotoServer MOTO = new MotoServer();
    private static final FaultProxy PROXY = new FaultProxy(MOTO);

    @ClassRule
    public static final RuleChain AWS = RuleChain.outerRule(MOTO).around(PROXY);

    @Rule
    public final JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static final AtomicBoolean EXECUTED = new AtomicBoolean();
    private static final AtomicBoolean HOLD = new AtomicBoolean(true);

    private static final String IN_PROGRESS = "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
            + "<DescribeStacksResult><Stacks><member><StackName>app</StackName>"
            + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/app/held</StackId>"
            + "<StackStatus>CREATE_IN_PROGRESS</StackStatus><CreationTime>2026-11-23T08:00:00Z</CreationTime>"
            + "</member></Stacks></DescribeStacksResult>"
            + "<ResponseMetadata><RequestId>held</RequestId></ResponseMetadata></DescribeStacksResponse>";

    @Test
    public void restartDuringTheWait_resumesFromAwsWithoutPrintingEventsTwice() throws Throwable {
        PROXY.always("ExecuteChangeSet", (client, request) -> {
            EXECUTED.set(true);
            return false; // forwarded: moto executes it
        });
        PROXY.always("DescribeStacks", (client, request) -> EXECUTED.get() && HOLD.get()
                && FaultProxy.Fault.respond(200, "text/xml", IN_PROGRESS).apply(client, request));
        sessions.then(r -> {
            WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
            FilePath workspace = r.jenkins.getWorkspaceFor(job);
            workspace.child("app.yaml").write(CfnDeployTasksTest.TEMPLATE, "UTF-8");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  withEnv(['AWS_ACCESS_KEY_ID=testing', 'AWS_SECRET_ACCESS_KEY=testing']) {\n"
                    + "    def d = cfnDeploy stack: 'app', template: 'app.yaml', params: [Value: 'v1'],"
                    + " report: 'reports/deploy.html', region: 'us-east-1', endpointUrl: '" + PROXY.endpoint() + "'\n"
                    + "    echo \"status=${d.status} executed=${d.executed}\"\n"
                    + "  }\n"
                    + "}", true));
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            // The stack's own CREATE_COMPLETE event is printed while DescribeStacks still says in progress.
            r.waitForMessage("CREATE_COMPLETE", b);
            assertTrue(b.isBuilding());
        });
        sessions.then(r -> {
            WorkflowJob job = r.jenkins.getItemByFullName("deploy", WorkflowJob.class);
            WorkflowRun b = job.getBuildByNumber(1);
            r.waitForMessage("[cfnDeploy] resuming after a controller restart: waiting for stack", b);
            HOLD.set(false);
            r.assertBuildStatus(Result.SUCCESS, r.waitForCompletion(b));
            r.assertLogContains("status=CREATE_COMPLETE executed=true", b);
            String log = JenkinsRule.getLog(b);
            assertEquals(log, 1, log.lines().filter(l -> l.contains("CREATE_COMPLETE")
                    && l.contains("(AWS::CloudFormation::Stack)")).count());
            assertTrue(r.jenkins.getWorkspaceFor(job).child("reports/deploy.html").exists());
        });
    }
}

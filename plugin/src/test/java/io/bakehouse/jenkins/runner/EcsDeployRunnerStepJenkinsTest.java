package io.bakehouse.jenkins.runner;

import static org.junit.Assert.assertEquals;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
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
 * ecsDeployRunner in a live Jenkins (needs the Jenkins Maven repository: -Pjenkins): the
 * in-process gatekeeper with a configuration in the agent's workspace, against moto, with
 * TaskPlayer playing the container.
 */
public class EcsDeployRunnerStepJenkinsTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final JenkinsRule r = new JenkinsRule();

    private DumbSlave agent;
    private TaskPlayer player;
    private String configText;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        configText = RunnerFixtures.createRunnerResources(MOTO.clients());
        player = new TaskPlayer(MOTO.clients());
        agent = r.createOnlineSlave(Label.get("remote"));
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p" + System.nanoTime());
        agent.getWorkspaceFor(job).child("runner.yaml").write(configText, "UTF-8");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static String step(String extra) {
        return "withEnv(['AWS_ACCESS_KEY_ID=testing', 'AWS_SECRET_ACCESS_KEY=testing']) {\n"
                + "  def r = ecsDeployRunner container: 'terraform-planner', script: 'plan', args: ['dev'], "
                + "config: 'runner.yaml', region: 'us-east-1', endpointUrl: '" + MOTO.endpoint() + "'" + extra + "\n"
                + "  echo \"exit=${r.exitCode} task=${r.taskArn}\"\n"
                + "}";
    }

    @Test
    public void ecsDeployRunner_taskExitsZero_streamsItsOutputAndReturnsTheResult() throws Exception {
        WorkflowJob job = job("node('remote') {\n" + step("") + "\n}");
        var build = job.scheduleBuild2(0);
        TaskProgress task = player.awaitStarted(RunnerFixtures.CLUSTER, "terraform", RunnerFixtures.LOG_GROUP, "runner");
        player.write(task, List.of("Plan: 1 to add, 0 to change, 0 to destroy."));
        player.exit(task);
        WorkflowRun b = r.assertBuildStatus(Result.SUCCESS, build);
        r.assertLogContains("Plan: 1 to add, 0 to change, 0 to destroy.", b);
        r.assertLogContains("exit=0 task=" + task.taskArn(), b);
    }

    @Test
    public void ecsDeployRunner_aborted_stopsTheTask() throws Exception {
        WorkflowJob job = job("node('remote') {\n" + step("") + "\n}");
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        TaskProgress task = player.awaitStarted(RunnerFixtures.CLUSTER, "terraform", RunnerFixtures.LOG_GROUP, "runner");
        r.waitForMessage("Waiting up to", b);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertEquals(EcsRunCancelTask.REASON, MOTO.clients().ecs().describeTasks(q -> q.cluster(task.cluster())
                .tasks(task.taskArn())).tasks().get(0).stoppedReason());
    }

    @Test
    public void ecsDeployRunner_noInvokerNorConfigNorDefault_failsWithOneLine() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "none");
        job.setDefinition(new CpsFlowDefinition("node('remote') { ecsDeployRunner container: 'terraform-planner',"
                + " script: 'plan' }", true));
        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains("ERROR: ecsDeployRunner: invoker (or config) is required", b);
        r.assertLogNotContains("\tat io.bakehouse", b);
    }

    @Test
    public void snippetGenerator_roundTrip_keepsEveryFormParameter() throws Exception {
        EcsDeployRunnerStep step = new EcsDeployRunnerStep("terraform-planner", "plan");
        step.setInvoker("bakehouse-invoker");
        step.setTaskCpu(1024);
        step.setTaskMemory(2048);
        step.setMaxWaitTime("45m");
        step.setRegion("us-east-1");
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }
}

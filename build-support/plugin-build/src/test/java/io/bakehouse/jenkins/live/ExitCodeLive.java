package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.TaskPlayer;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;

/**
 * ecsDeployRunner's container exit code in the real controller with the real agent: a
 * terraform plan's exit 2 ("changes pending") comes back to the pipeline with
 * {@code returnStatus: true} and the build succeeds; without it the step fails with one line
 * naming the code and the task.
 *
 * <p>moto reports every stopped container with exit code 0; a {@link FaultProxy} in front of
 * it answers DescribeTasks with the task stopped and exit code 2 once {@link TaskPlayer} has
 * played the container's output.
 */
public class ExitCodeLive {

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;
    /** Started before and stopped after each test (the test kit's rule). */
    @Rule
    public final FaultProxy proxy = new FaultProxy(jenkins.moto());

    @Test
    public void returnStatus_planExits2_buildSucceedsAndThePipelineSees2() throws Exception {
        String job = "exit-code-return-status";
        int build = runPlanExiting2(job, "returnStatus: true, ");

        String result = jenkins.rest().awaitResult(job, build);
        String log = jenkins.rest().console(job, build);
        assertEquals(log, "SUCCESS", result);
        assertTrue(log, log.contains("Plan: 1 to add, 0 to change, 0 to destroy."));
        assertTrue(log, log.lines().anyMatch(l -> l.matches("exit=2 task=arn:aws:ecs:.*:task/.*")));
        assertTrue(log, log.contains("changes pending"));
    }

    @Test
    public void withoutReturnStatus_planExits2_stepFailsWithOneLineNamingTheCode() throws Exception {
        String job = "exit-code-fails";
        int build = runPlanExiting2(job, "");

        assertEquals("FAILURE", jenkins.rest().awaitResult(job, build));
        String log = jenkins.rest().console(job, build);
        assertTrue(log, log.lines().anyMatch(l -> l.matches("ERROR: ecsDeployRunner: task arn:aws:ecs:\\S+:task/\\S+"
                + " exited with code 2 \\(Essential container in task exited\\).*returnStatus: true.*")));
        assertTrue(log, !log.contains("exit="));
    }

    /** Runs a pipeline whose plan exits 2; {@code extra} is more step arguments. Returns the build number. */
    private int runPlanExiting2(String job, String extra) throws Exception {
        LiveRunner runner = new LiveRunner(jenkins.moto().clients());
        Set<String> before = runner.tasks();
        Workspaces.write(jenkins, job, "runner.yaml", LiveRunner.configText(jenkins.moto(), jenkins.moto().clients()));
        jenkins.rest().createPipeline(job, """
                node('ecs-fargate') {
                  def r = ecsDeployRunner container: 'terraform-planner', script: 'plan', args: ['dev'], %s
                      config: 'runner.yaml', region: 'us-east-1', endpointUrl: '%s', credentialsId: '%s'
                  echo "exit=${r.exitCode} task=${r.taskArn}"
                  if (r.exitCode == 2) {
                    echo 'changes pending'
                  }
                }
                """.formatted(extra, proxy.endpoint(), LiveJenkins.CREDENTIALS_ID));
        int build = jenkins.rest().build(job);
        TaskPlayer player = runner.player();
        TaskProgress task = runner.awaitNewTask(before);
        player.write(task, List.of("Plan: 1 to add, 0 to change, 0 to destroy."));
        jenkins.rest().awaitLog(job, build, "Plan: 1 to add");
        // From here on the proxy says the container exited 2; moto's own answer would say 0.
        proxy.always("DescribeTasks", FaultProxy.Fault.respond(200, "application/x-amz-json-1.1",
                TaskPlayer.stoppedTaskJson(task, "EssentialContainerExited", "Essential container in task exited", 2)));
        player.exit(task);
        return build;
    }
}

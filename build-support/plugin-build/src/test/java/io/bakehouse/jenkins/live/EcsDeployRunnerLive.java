package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.FaultProxy.Fault;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * ecsDeployRunner on the agent with the in-process gatekeeper (a runner configuration in the
 * workspace) against moto; the test plays the container: its lines stream into the console in
 * order, and its exit code decides the step's outcome as docs/steps.md and the step say (zero:
 * the result map; non-zero: the step fails with one line naming the code).
 */
public class EcsDeployRunnerLive {

    /** Started before and stopped after the class's tests (the test kit's rule). */
    @ClassRule
    public static final FaultProxy proxy = new FaultProxy(LiveJenkinsIT.JENKINS.moto());
    private static AwsClients aws;
    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @BeforeClass
    public static void clients() {
        aws = LiveJenkinsIT.JENKINS.moto().clients(); // moto runs once the suite has started
    }

    static List<String> lines(String task, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> task + " line " + i + " of the plan").toList();
    }

    @Test
    public void ecsDeployRunner_taskExitsZero_streamsItsLinesInOrderAndReturnsEveryDocumentedKey() throws Exception {
        String job = "runner-zero";
        LiveRunner runner = new LiveRunner(aws);
        LiveRunner.writeConfig(jenkins.moto(), aws, jenkins.workspace(job));
        jenkins.rest().createPipeline(job, LiveRunner.pipeline(jenkins.moto().endpoint(), "dev"));
        Set<String> before = runner.tasks();
        int build = jenkins.rest().build(job);
        TaskProgress task = runner.awaitNewTask(before);
        List<String> first = lines("zero", 1, 3);
        List<String> then = lines("zero", 4, 5);
        runner.player().write(task, first);
        jenkins.rest().awaitLog(job, build, first.get(2));
        runner.player().write(task, then);
        runner.player().exit(task);

        assertEquals(jenkins.rest().console(job, build), "SUCCESS", jenkins.rest().awaitResult(job, build));
        String log = jenkins.rest().console(job, build);
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        assertInOrderOnce(log, all);
        assertEquals(LiveChecks.documentedResultKeys("ecsDeployRunner"), LiveChecks.echoedKeys(log, "keys="));
        assertEquals("0", LiveChecks.echoed(log, "exitCode"));
        assertEquals(task.taskArn(), LiveChecks.echoed(log, "taskArn"));
        assertEquals(RunnerFixtures.LOG_GROUP, LiveChecks.echoed(log, "logGroup"));
        assertEquals(task.logStream(), LiveChecks.echoed(log, "logStream"));
        assertEquals("Essential container in task exited", LiveChecks.echoed(log, "stoppedReason"));
        assertEquals("null", LiveChecks.echoed(log, "archive"));
        assertEquals("STOPPED", aws.ecs().describeTasks(r -> r.cluster(task.cluster()).tasks(task.taskArn()))
                .tasks().get(0).lastStatus());
    }

    @Test
    public void ecsDeployRunner_taskExitsNonZero_failsTheStepWithOneLineNamingTheCode() throws Exception {
        String job = "runner-nonzero";
        LiveRunner runner = new LiveRunner(aws);
        LiveRunner.writeConfig(jenkins.moto(), aws, jenkins.workspace(job));
        jenkins.rest().createPipeline(job, LiveRunner.pipeline(proxy.endpoint(), "prod"));
        Set<String> before = runner.tasks();
        int build = jenkins.rest().build(job);
        TaskProgress task = runner.awaitNewTask(before);
        List<String> output = lines("nonzero", 1, 2);
        try {
            runner.player().write(task, output);
            jenkins.rest().awaitLog(job, build, output.get(1));
            // moto reports exit code 0 for every stopped task; the exit code 7 a container would give comes from
            // the proxy, answered before moto stops the task, so no poll can see moto's 0.
            proxy.always("DescribeTasks", Fault.respond(200, "application/x-amz-json-1.1",
                    TaskPlayer.stoppedTaskJson(task, "EssentialContainerExited", "Essential container in task exited", 7)));
            runner.player().exit(task);
            assertEquals(jenkins.rest().console(job, build), "FAILURE", jenkins.rest().awaitResult(job, build));
        } finally {
            proxy.clear();
        }
        String log = jenkins.rest().console(job, build);
        assertInOrderOnce(log, output);
        List<String> errors = log.lines().filter(l -> l.startsWith("ERROR: ")).toList();
        assertEquals(log, 1, errors.size());
        assertTrue(log, errors.get(0).startsWith("ERROR: ecsDeployRunner: task " + task.taskArn()
                + " exited with code 7 (Essential container in task exited)"));
        assertTrue(log, errors.get(0).contains(task.logStream()));
        assertFalse(log, log.contains("\tat "));
        assertFalse(log, log.contains("exitCode="));
    }

    /** Each of {@code expected} is printed once, as the step prints a task's line, and in this order. */
    static void assertInOrderOnce(String log, List<String> expected) {
        List<String> printed = LiveChecks.assertEachOnce(log, l -> l.startsWith("[ecsDeployRunner] ")
                && l.contains(" of the plan"), "a line of the task's output");
        assertEquals(log, expected.stream().map(l -> "[ecsDeployRunner] " + l).toList(), printed);
    }
}

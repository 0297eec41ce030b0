package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The controller stops (SIGTERM: an orderly shutdown; SIGKILL: no chance to save anything) while
 * a step waits, and starts again: the build resumes, waits on from AWS and finishes SUCCESS, and
 * nothing the console already had is printed again. Each wait gets new output in two batches
 * before the restart (so the last one is newer than the wait's first checkpoint) and its last
 * output after it. The stack, the task and the service rollout live in the test JVM's proxy and
 * player, which outlive the controller.
 */
public class WaitRestartLive {

    /** Started before and stopped after the class's tests (the test kit's rule). */
    @ClassRule
    public static final FaultProxy proxy = new FaultProxy(LiveJenkinsIT.JENKINS.moto());
    private static AwsClients aws;
    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @BeforeClass
    public static void clients() {
        aws = LiveJenkinsIT.JENKINS.moto().clients(); // moto runs once the suite has started
    }

    @Test
    public void cfnDeploy_controllerStoppedBySigterm_resumesAndPrintsEachEventOnce() throws Exception {
        cfnDeployAcrossARestart(false);
    }

    @Test
    public void cfnDeploy_controllerKilled_resumesAndPrintsEachEventOnce() throws Exception {
        cfnDeployAcrossARestart(true);
    }

    @Test
    public void ecsDeployRunner_controllerStoppedBySigterm_resumesAndPrintsEachLineOnce() throws Exception {
        ecsDeployRunnerAcrossARestart(false);
    }

    @Test
    public void ecsDeployRunner_controllerKilled_resumesAndPrintsEachLineOnce() throws Exception {
        ecsDeployRunnerAcrossARestart(true);
    }

    /**
     * ecsServiceDeploy's wait across a SIGKILL of the controller (the harder of the two stops; the
     * resume is the steps' shared {@code WaitingStepExecution}, which the cfnDeploy and
     * ecsDeployRunner tests above run through both). moto moves no rollout and writes no service
     * events (see {@link LiveServices}), so the rollout is a {@link HeldRollout}: moto's own service
     * and deployment, IN_PROGRESS with ECS's events shown in two batches before the restart and the
     * rest, with COMPLETED, after it. The report, written by the resumed wait, still has the events
     * printed before the restart: they are ECS's record, read again.
     */
    @Test
    public void ecsServiceDeploy_controllerKilled_resumesAndPrintsEachEventOnce() throws Exception {
        String job = "ecs-restart-kill";
        String service = "live-restart";
        LiveServices.create(aws, service, 1);
        HeldRollout held = new HeldRollout(proxy, aws, LiveServices.CLUSTER, service);
        Phases phases = new Phases("restart ecsServiceDeploy kill");
        try {
            jenkins.rest().createPipeline(job, LiveServices.pipeline(service, "image: '" + LiveServices.image("v2")
                    + "'", "region: 'us-east-1', endpointUrl: '" + proxy.endpoint() + "', credentialsId: '"
                    + LiveJenkins.CREDENTIALS_ID + "'"));
            int build = jenkins.rest().build(job);
            phases.done("started");
            jenkins.rest().awaitLog(job, build, "IN_PROGRESS: 0 of 1 running, 1 pending");
            held.show(2);
            jenkins.rest().awaitLog(job, build, held.message(1));
            phases.done("first-events");
            held.show(4);
            jenkins.rest().awaitLog(job, build, held.message(3));
            awaitCheckpoint(job, build, held.eventId(3));
            phases.done("more-events");

            jenkins.restart(true);
            phases.done("restart");
            jenkins.rest().awaitLog(job, build, "[ecsServiceDeploy] resuming after a controller restart: waiting for"
                    + " service cluster=" + LiveServices.CLUSTER);
            phases.done("resumed");
            held.release();

            String result = jenkins.rest().awaitResult(job, build);
            phases.done("finished");
            String log = jenkins.rest().console(job, build);
            assertEquals(log, "SUCCESS", result);
            List<String> printed = LiveChecks.assertEachOnce(log, l -> l.contains("(service " + service + ") "),
                    "a service event");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < HeldRollout.ALL; i++) {
                expected.add(held.message(i));
            }
            assertEquals(log, expected, printed.stream().map(l -> l.substring(l.indexOf("(service "))).toList());
            assertEquals(log, 1, log.lines().filter(l -> l.startsWith("[ecsServiceDeploy] resuming after a controller"
                    + " restart")).count());
            assertEquals("COMPLETED", LiveChecks.echoed(log, "rolloutState"));
            assertEquals("1", LiveChecks.echoed(log, "runningCount"));
            assertEquals(LiveServices.service(aws, service).taskDefinition(), LiveChecks.echoed(log, "taskDefinitionArn"));
            String report = Files.readString(jenkins.workspace(job).resolve("reports/ecs.html"), StandardCharsets.UTF_8);
            assertTrue(report, report.contains("class=\"status good\">COMPLETED</span>"));
            for (String message : expected) {
                assertTrue(message + " is not in the report:\n" + report, report.contains("<td>ECS event</td><td>"
                        + message + "</td>"));
            }
        } finally {
            proxy.clear();
            phases.report();
        }
    }

    /** Times the phases of a scenario, for target/live/measurements.txt. */
    private final class Phases {
        private final String name;
        private final long start = System.nanoTime();
        private final StringBuilder text = new StringBuilder();
        private long last = start;

        Phases(String name) {
            this.name = name;
        }

        void done(String phase) {
            long now = System.nanoTime();
            text.append(' ').append(phase).append(' ').append((now - last) / 1_000_000);
            last = now;
        }

        void report() {
            jenkins.measure(name + " ms " + (System.nanoTime() - start) / 1_000_000 + " (phases ms:" + text + ")");
        }
    }

    private void cfnDeployAcrossARestart(boolean hard) throws Exception {
        String how = hard ? "kill" : "term";
        String job = "cfn-restart-" + how;
        String stack = "live-restart-" + how;
        HeldStack held = new HeldStack(proxy, aws, stack);
        Phases phases = new Phases("restart cfnDeploy " + how);
        try {
            jenkins.rest().createPipeline(job, CfnDeployLive.pipeline(stack, "/live/restart/" + how, "v1",
                    proxy.endpoint()));
            held.show(1);
            int build = jenkins.rest().build(job);
            phases.done("started");
            jenkins.rest().awaitLog(job, build, LiveChecks.STACK_EVENT, "a stack event");
            phases.done("first-event");
            // moto is done at once: every event is there; the console gets all but the stack's last one, in two batches.
            int events = held.executionEvents().size();
            assertTrue("moto made " + events + " events", events >= 3);
            held.show(events - 1);
            awaitEventLines(job, build, events - 1);
            awaitCheckpoint(job, build, held.executionEvents().get(events - 2).eventId());
            phases.done("more-events");

            jenkins.restart(hard);
            phases.done("restart");
            jenkins.rest().awaitLog(job, build, "[cfnDeploy] resuming after a controller restart: waiting for stack");
            phases.done("resumed");
            held.release();

            String result = jenkins.rest().awaitResult(job, build);
            phases.done("finished");
            String log = jenkins.rest().console(job, build);
            assertEquals(log, "SUCCESS", result);
            List<String> printed = LiveChecks.assertEachOnce(log, LiveChecks.STACK_EVENT, "a stack event");
            assertEquals(log, events, printed.size());
            assertTrue(log, printed.get(printed.size() - 1).contains(" " + stack + " (AWS::CloudFormation::Stack)"));
            assertEquals(log, 1, log.lines().filter(l -> l.startsWith("[cfnDeploy] resuming after a controller restart"))
                    .count());
            assertEquals("CREATE_COMPLETE", LiveChecks.echoed(log, "status"));
            assertEquals("true", LiveChecks.echoed(log, "executed"));
            CfnDeployLive.assertReport(jenkins.workspace(job).resolve("reports/deploy.html"), stack);
        } finally {
            proxy.clear();
            phases.report();
        }
    }

    /**
     * Waits (up to a minute) until the build's saved program state holds {@code progress}: the
     * checkpoint of the last line the console shows. The step saves it right after the agent
     * printed the line and before the agent goes on; a hard kill inside that moment would print
     * that batch again after the restart (plugin/README.md, "Threads"), which is not what these
     * tests are about: they check that a resumed wait starts from the saved checkpoint.
     */
    private void awaitCheckpoint(String job, int build, String progress) throws Exception {
        Path program = jenkins.buildDir(job, build).resolve("program.dat");
        byte[] needle = progress.getBytes(StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isRegularFile(program) && indexOf(Files.readAllBytes(program), needle) >= 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the build's saved state never held the checkpoint " + progress);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Waits (up to two minutes) until the console has {@code count} stack events. */
    private void awaitEventLines(String job, int build, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        String log = "";
        while (System.currentTimeMillis() < deadline) {
            log = jenkins.rest().console(job, build);
            if (log.lines().filter(LiveChecks.STACK_EVENT).count() >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the console never had " + count + " stack events:\n" + log);
    }

    private void ecsDeployRunnerAcrossARestart(boolean hard) throws Exception {
        String how = hard ? "kill" : "term";
        String job = "runner-restart-" + how;
        LiveRunner runner = new LiveRunner(aws);
        LiveRunner.writeConfig(jenkins.moto(), aws, jenkins.workspace(job));
        jenkins.rest().createPipeline(job, LiveRunner.pipeline(jenkins.moto().endpoint(), how));
        Phases phases = new Phases("restart ecsDeployRunner " + how);
        Set<String> before = runner.tasks();
        int build = jenkins.rest().build(job);
        phases.done("started");
        TaskProgress task = runner.awaitNewTask(before);
        phases.done("task");
        List<String> first = EcsDeployRunnerLive.lines(how, 1, 3);
        List<String> second = EcsDeployRunnerLive.lines(how, 4, 6);
        List<String> after = EcsDeployRunnerLive.lines(how, 7, 9);
        runner.player().write(task, first);
        jenkins.rest().awaitLog(job, build, first.get(2));
        phases.done("first-lines");
        runner.player().write(task, second);
        jenkins.rest().awaitLog(job, build, second.get(2));
        awaitCheckpoint(job, build, aws.logs().getLogEvents(r -> r.logGroupName(task.logGroup())
                .logStreamName(task.logStream()).startFromHead(true)).nextForwardToken());
        phases.done("more-lines");

        jenkins.restart(hard);
        phases.done("restart");
        jenkins.rest().awaitLog(job, build, "[ecsDeployRunner] resuming after a controller restart: waiting for task");
        phases.done("resumed");
        runner.player().write(task, after);
        runner.player().exit(task);

        String result = jenkins.rest().awaitResult(job, build);
        phases.done("finished");
        phases.report();
        String log = jenkins.rest().console(job, build);
        assertEquals(log, "SUCCESS", result);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(after);
        EcsDeployRunnerLive.assertInOrderOnce(log, all);
        assertEquals(log, 1, log.lines().filter(l -> l.startsWith("[ecsDeployRunner] resuming after a controller"
                + " restart")).count());
        assertEquals("0", LiveChecks.echoed(log, "exitCode"));
        assertEquals(task.taskArn(), LiveChecks.echoed(log, "taskArn"));
    }
}

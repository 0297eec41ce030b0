package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.runner.TaskProgress;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.RunnerFixtures;
import io.bakehouse.testkit.TaskPlayer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * Aborting a build while a step waits on AWS, in the real controller with the real agent: the
 * abort reaches AWS (the stack update is cancelled, the runner task stopped), the build ends
 * ABORTED, and the cancel runs in the background, so the build's other branches go on while
 * it is in flight. An ECS service's rollout is aborted too: the service goes back to the task
 * definition it ran before.
 *
 * <p>moto finishes a stack update at once; a {@link FaultProxy} in front of it answers
 * DescribeStacks with UPDATE_IN_PROGRESS from the execution of the change set on, so the update
 * is held as long as the test needs, and answers CancelUpdateStack itself (after a delay where
 * the test wants a slow cancel). The runner's task is played by {@link TaskPlayer}.
 */
public class AbortLive {

    private static final String TEMPLATE = CfnDeployLive.TEMPLATE;
    /** What the runner's cancel task gives ECS as the reason to stop the task. */
    private static final String STOP_REASON = "the Jenkins build was aborted";

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;
    /** Started before and stopped after each test (the test kit's rule). */
    @Rule
    public final FaultProxy proxy = new FaultProxy(jenkins.moto());

    @Test
    public void abortDuringCfnDeployUpdate_cancelsTheUpdateAndEndsAborted() throws Exception {
        String stackId = createStack("abort-cfn");
        holdUpdate("abort-cfn", stackId, 0);
        String job = "abort-cfn";
        Workspaces.write(jenkins, job, "app.yaml", TEMPLATE);
        jenkins.rest().createPipeline(job, """
                node('ecs-fargate') {
                  cfnDeploy stack: 'abort-cfn', template: 'app.yaml',
                      params: [Name: '/live/abort-cfn/value', Value: 'v2'],
                      region: 'us-east-1', endpointUrl: '%s', credentialsId: '%s'
                  echo 'after cfnDeploy'
                }
                """.formatted(proxy.endpoint(), LiveJenkins.CREDENTIALS_ID));
        int build = jenkins.rest().build(job);
        String status = awaitWaitingStatus(job, build);
        assertTrue(status, status.startsWith("waiting for stack ") && status.contains(stackId)
                && status.endsWith("(the wait runs on agent " + LiveJenkins.AGENT + ")"));

        jenkins.rest().abort(job, build);
        assertEquals("ABORTED", jenkins.rest().awaitResult(job, build));
        String log = jenkins.rest().console(job, build);
        assertEquals(log, 1, proxy.requests("CancelUpdateStack"));
        assertTrue(log, log.contains("[cfnDeploy] stopping stack "));
        assertTrue(log, log.contains("Cancelled the update of abort-cfn; CloudFormation rolls it back"));
        assertTrue(log, log.contains("[cfnDeploy] stopped stack "));
        assertTrue(log, !log.contains("after cfnDeploy") && !log.contains("could not stop"));
        assertTrue(log, log.contains("Aborted by "));
    }

    @Test
    public void abortDuringEcsDeployRunner_stopsTheTaskWithThePluginsReasonAndEndsAborted() throws Exception {
        String job = "abort-runner";
        LiveRunner runner = new LiveRunner(jenkins.moto().clients());
        Set<String> before = runner.tasks();
        Workspaces.write(jenkins, job, "runner.yaml", LiveRunner.configText(jenkins.moto(), jenkins.moto().clients()));
        jenkins.rest().createPipeline(job, """
                node('ecs-fargate') {
                  def r = ecsDeployRunner container: 'terraform-planner', script: 'plan', args: ['dev'],
                      config: 'runner.yaml', region: 'us-east-1', endpointUrl: '%s', credentialsId: '%s'
                  echo "exit=${r.exitCode}"
                }
                """.formatted(jenkins.moto().endpoint(), LiveJenkins.CREDENTIALS_ID));
        int build = jenkins.rest().build(job);
        TaskPlayer player = runner.player();
        TaskProgress task = runner.awaitNewTask(before);
        player.write(task, List.of("Refreshing state..."));
        jenkins.rest().awaitLog(job, build, "Refreshing state...");
        String status = awaitWaitingStatus(job, build);
        assertTrue(status, status.startsWith("waiting for task ") && status.contains(task.taskArn()));

        jenkins.rest().abort(job, build);
        assertEquals("ABORTED", jenkins.rest().awaitResult(job, build));
        var described = jenkins.moto().clients().ecs().describeTasks(q -> q.cluster(task.cluster())
                .tasks(task.taskArn())).tasks().get(0);
        String log = jenkins.rest().console(job, build);
        assertEquals(log, STOP_REASON, described.stoppedReason());
        assertEquals(log, "STOPPED", described.desiredStatus());
        assertTrue(log, log.contains("[ecsDeployRunner] stopping task "));
        assertTrue(log, log.contains("[ecsDeployRunner] stopped task "));
        assertTrue(log, !log.contains("exit="));
    }

    /**
     * A service that wants two tasks, of which moto says one runs: its rollout stays IN_PROGRESS,
     * so the step waits until the abort, which points the service back at the task definition it
     * ran before (UpdateService, not watched) and writes the report.
     */
    @Test
    public void abortDuringEcsServiceDeploy_rollsTheServiceBackToThePreviousTaskDefinitionAndEndsAborted()
            throws Exception {
        var aws = jenkins.moto().clients();
        String service = "live-abort";
        String v1 = LiveServices.create(aws, service, 2);
        String job = "abort-ecs-service";
        jenkins.rest().createPipeline(job, LiveServices.pipeline(service, "image: '" + LiveServices.image("v2") + "'",
                Workspaces.aws(jenkins, "us-east-1")) + "echo 'after ecsServiceDeploy'\n");
        int build = jenkins.rest().build(job);
        String status = awaitWaitingStatus(job, build);
        String rolling = LiveServices.service(aws, service).taskDefinition();
        assertTrue(status, status.startsWith("waiting for service cluster=" + LiveServices.CLUSTER
                + " deploymentId=ecs-svc/") && status.contains(" service=" + service + " ")
                && status.contains(" taskDefinitionArn=" + rolling) && status.contains("previousTaskDefinitionArn=" + v1)
                && status.endsWith("(the wait runs on agent " + LiveJenkins.AGENT + ")"));
        assertTrue(rolling, !rolling.equals(v1));

        jenkins.rest().abort(job, build);
        assertEquals("ABORTED", jenkins.rest().awaitResult(job, build));
        String log = jenkins.rest().console(job, build);
        assertEquals(log, v1, LiveServices.service(aws, service).taskDefinition());
        assertTrue(log, log.contains("[ecsServiceDeploy] stopping service "));
        assertTrue(log, log.contains("[ecsServiceDeploy] Rolled service " + service + " back to app:1 (deployment"
                + " ecs-svc/"));
        assertTrue(log, log.contains("[ecsServiceDeploy] stopped service "));
        assertTrue(log, !log.contains("after ecsServiceDeploy") && !log.contains("keys=") && !log.contains("could not stop"));
        String report = Files.readString(jenkins.workspace(job).resolve("reports/ecs.html"));
        assertTrue(report, report.contains("class=\"status bad\">INTERRUPTED</span>"));
        assertTrue(report, report.contains("was aborted: Rolled service " + service + " back to app:1"));
        assertTrue(report, report.contains("IN_PROGRESS: 1 of 2 running, 1 pending"));
    }

    /**
     * The cancel is slow (the proxy holds CancelUpdateStack for seconds); a second branch
     * echoes a counter meanwhile. Had the abort held the CPS VM thread while it cancels, which
     * every branch shares, no tick could be logged between the step's line saying it stops the
     * stack and its line saying it stopped it: both are written on the controller, so their
     * order in the log is the order they happened in.
     */
    @Test
    public void slowCancel_doesNotHoldTheBuildsOtherBranches() throws Exception {
        String stackId = createStack("abort-slow");
        holdUpdate("abort-slow", stackId, 6_000);
        String job = "abort-slow";
        Workspaces.write(jenkins, job, "app.yaml", TEMPLATE);
        jenkins.rest().createPipeline(job, """
                node('ecs-fargate') {
                  def deploying = true
                  parallel deploy: {
                    try {
                      cfnDeploy stack: 'abort-slow', template: 'app.yaml',
                          params: [Name: '/live/abort-slow/value', Value: 'v2'],
                          region: 'us-east-1', endpointUrl: '%s', credentialsId: '%s'
                    } finally {
                      deploying = false
                    }
                  }, ticker: {
                    int n = 0
                    while (deploying) {
                      try {
                        sleep time: 500, unit: 'MILLISECONDS'
                      } catch (e) {
                        echo 'ticker: the abort interrupted the sleep; ticking on until the deploy ends'
                      }
                      n++
                      echo "tick ${n}"
                    }
                  }
                }
                """.formatted(proxy.endpoint(), LiveJenkins.CREDENTIALS_ID));
        int build = jenkins.rest().build(job);
        awaitWaitingStatus(job, build);
        jenkins.rest().abort(job, build);
        assertEquals("ABORTED", jenkins.rest().awaitResult(job, build));
        String log = jenkins.rest().console(job, build);
        assertEquals(log, 1, proxy.requests("CancelUpdateStack"));
        List<String> lines = log.lines().toList();
        int stopping = indexOf(lines, "[cfnDeploy] stopping stack ", log);
        int stopped = indexOf(lines, "[cfnDeploy] stopped stack ", log);
        assertTrue(log, stopping < stopped);
        long ticksWhileCancelling = lines.subList(stopping, stopped).stream()
                .filter(l -> l.matches(".*\\btick \\d+$")).count();
        jenkins.measure("abort-slow ticks_while_cancelling " + ticksWhileCancelling);
        assertTrue("no branch went on while the cancel was in flight:\n" + log, ticksWhileCancelling >= 2);
    }

    private static int indexOf(List<String> lines, String text, String log) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in:\n" + log);
    }

    /** Creates the stack in moto (value v1); returns its ID. */
    private String createStack(String name) {
        var cfn = jenkins.moto().clients().cloudFormation();
        String id = cfn.createStack(r -> r.stackName(name).templateBody(TEMPLATE).parameters(
                Parameter.builder().parameterKey("Name").parameterValue("/live/" + name + "/value").build(),
                Parameter.builder().parameterKey("Value").parameterValue("v1").build())).stackId();
        String status = cfn.describeStacks(r -> r.stackName(id)).stacks().get(0).stackStatusAsString();
        assertEquals("CREATE_COMPLETE", status);
        return id;
    }

    /**
     * From the execution of the stack's change set on, the proxy says the update is in progress;
     * it answers CancelUpdateStack itself after {@code cancelDelayMs}.
     */
    private void holdUpdate(String name, String stackId, long cancelDelayMs) {
        AtomicBoolean executed = new AtomicBoolean();
        proxy.always("ExecuteChangeSet", (client, request) -> {
            executed.set(true);
            return false; // forwarded: moto executes it
        });
        String inProgress = "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<DescribeStacksResult><Stacks><member><StackName>" + name + "</StackName>"
                + "<StackId>" + stackId + "</StackId>"
                + "<StackStatus>UPDATE_IN_PROGRESS</StackStatus><CreationTime>2026-11-23T08:00:00Z</CreationTime>"
                + "</member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>held</RequestId></ResponseMetadata></DescribeStacksResponse>";
        proxy.always("DescribeStacks", (client, request) -> executed.get()
                && FaultProxy.Fault.respond(200, "text/xml", inProgress).apply(client, request));
        String cancelled = "<CancelUpdateStackResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<ResponseMetadata><RequestId>cancelled</RequestId></ResponseMetadata></CancelUpdateStackResponse>";
        proxy.always("CancelUpdateStack", (client, request) -> {
            FaultProxy.Fault.delay(cancelDelayMs).apply(client, request);
            return FaultProxy.Fault.respond(200, "text/xml", cancelled).apply(client, request);
        });
    }

    /**
     * Waits until the build's waiting step says (Pipeline's own view of its executions) that
     * it waits on AWS, i.e. the await task runs on the agent; returns that status.
     */
    private String awaitWaitingStatus(String job, int build) throws IOException, InterruptedException {
        String groovy = """
                def b = jenkins.model.Jenkins.get().getItemByFullName('%s').getBuildByNumber(%d)
                def e = b?.execution
                if (e != null) {
                  e.getCurrentExecutions(true).get().each { println(it.status) }
                }
                """.formatted(job, build);
        long deadline = System.currentTimeMillis() + 120_000;
        String seen = "";
        while (System.currentTimeMillis() < deadline) {
            seen = jenkins.rest().script(groovy);
            for (String line : seen.lines().toList()) {
                if (line.startsWith("waiting for ") && !line.startsWith("waiting for the workspace")) {
                    return line;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(job + " #" + build + " never waited on AWS; its steps said:\n" + seen
                + "\nits log:\n" + LiveJenkins.tail(jenkins.rest().console(job, build)));
    }
}

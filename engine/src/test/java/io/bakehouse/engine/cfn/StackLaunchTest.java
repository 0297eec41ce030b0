package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** StackDeployer's launch / resume / cancel split (a deployment watched from persisted state), against moto. */
public class StackLaunchTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final RecordingReporter reporter = new RecordingReporter();
    private AwsClients clients;
    private Path template;

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        clients = MOTO.clients();
        template = tmp.getRoot().toPath().resolve("app.yaml");
        Files.writeString(template, StackDeployerTest.TEMPLATE);
    }

    private CfnDeployRequest request(String value) {
        return CfnDeployRequest.builder("app").template(template.toString()).params(Map.of("Value", value)).build();
    }

    private StackDeployer deployer() {
        return StackDeployer.of(clients, reporter);
    }

    @Test
    public void launch_newStack_executesTheChangeSetAndReturnsWhereToWatchFrom() {
        StackLaunch launch = deployer().launch(request("v1"), new CancelToken());

        assertFalse(launch.finished());
        assertTrue(launch.create());
        assertEquals("app", launch.watch().stackName());
        assertTrue(launch.watch().stackId().contains(":stack/app/"));
        assertTrue(launch.watch().changeSetName().startsWith("bakehouse-"));
        assertTrue(reporter.text(), reporter.contains("Executing change set " + launch.watch().changeSetName()));
    }

    @Test
    public void resume_fromTheLaunchInAnotherDeployer_finishesAsDeployDoes() {
        StackLaunch launch = deployer().launch(request("v1"), new CancelToken());

        CfnDeployResult result = StackDeployer.of(clients, new RecordingReporter())
                .resume(request("v1"), launch, null, Duration.ofMinutes(5), new CancelToken());

        assertEquals("CREATE_COMPLETE", result.status());
        assertTrue(result.executed());
        assertEquals(launch.watch().stackId(), result.stackId());
        assertEquals(launch.watch().changeSetName(), result.changeSetName());
        assertTrue(result.events().stream().anyMatch(e -> "CREATE_COMPLETE".equals(e.status())));
        assertEquals("v1", clients.ssm().getParameter(r -> r.name("/app/dev/value")).parameter().value());
    }

    @Test
    public void launch_nothingChanged_isFinishedWithTheNoChangesResult() {
        StackLaunch first = deployer().launch(request("v1"), new CancelToken());
        deployer().resume(request("v1"), first, null, Duration.ofMinutes(5), new CancelToken());

        StackLaunch again = deployer().launch(request("v1"), new CancelToken());

        assertTrue(again.finished());
        assertNull(again.watch());
        assertTrue(again.result().noChanges());
        assertFalse(again.result().executed());
    }

    @Test
    public void launch_noExecute_isFinishedWithTheChangeSetForReview() {
        CfnDeployRequest review = CfnDeployRequest.builder("app").template(template.toString())
                .params(Map.of("Value", "v1")).noExecute(true).build();

        StackLaunch launch = deployer().launch(review, new CancelToken());

        assertTrue(launch.finished());
        assertFalse(launch.result().executed());
        assertTrue(launch.result().changeSetId().contains(":changeSet/"));
    }

    @Test
    public void cancel_stackAlreadySettled_saysThereIsNothingToStop() {
        StackLaunch launch = deployer().launch(request("v1"), new CancelToken());
        deployer().resume(request("v1"), launch, null, Duration.ofMinutes(5), new CancelToken());

        assertEquals("Stack app is CREATE_COMPLETE; nothing to stop", deployer().cancel(launch.watch(), launch.create()));
    }

    @Test
    public void resume_aFinishedLaunch_isRefused() {
        StackLaunch review = deployer().launch(CfnDeployRequest.builder("app").template(template.toString())
                .params(Map.of("Value", "v1")).noExecute(true).build(), new CancelToken());

        assertThrows(IllegalArgumentException.class, () -> deployer().resume(request("v1"), review, null,
                Duration.ofMinutes(1), new CancelToken()));
    }

    @Test
    public void stackLaunch_isEitherFinishedOrExecutingAChangeSet() {
        assertThrows(IllegalArgumentException.class, () -> new StackLaunch(null, null, false, null));
        assertThrows(IllegalArgumentException.class,
                () -> StackLaunch.executing(new WatchState("app", null, null, null), true, null));
        assertEquals(List.of("A", "B"), List.copyOf(
                StackLaunch.executing(new WatchState("app", null, "cs", null), true, Set.of("B", "A")).secretParameters()));
    }

    // ---- the report, written by whichever part finishes the deployment

    @Test
    public void resume_withAReport_writesItWithTheChangeSetsParametersAndEveryEvent() throws IOException {
        Path page = tmp.getRoot().toPath().resolve("report.html");
        StackLaunch launch = deployer().launch(request("v1"), new CancelToken());
        assertFalse("a launch leaves the report to the wait", Files.exists(page));

        CfnDeployRequest finishing = CfnDeployRequest.builder("app").executeChangeSet(launch.watch().changeSetName())
                .report(page.toString()).build();
        StackDeployer.of(clients, reporter).resume(finishing, launch, null, Duration.ofMinutes(5), new CancelToken());

        String html = Files.readString(page);
        assertTrue(html, html.contains(launch.watch().changeSetName()));
        assertTrue(html, html.contains("CREATE_COMPLETE"));
        assertTrue(html, html.contains("v1"));
        assertTrue(html, html.contains("AWS::SSM::Parameter"));
        assertTrue(reporter.text(), reporter.contains("Wrote the deployment report to " + page));
    }

    @Test
    public void launch_noExecuteWithAReport_writesItAtOnce() throws IOException {
        Path page = tmp.getRoot().toPath().resolve("review.html");
        StackLaunch launch = deployer().launch(CfnDeployRequest.builder("app").template(template.toString())
                .params(Map.of("Value", "v1")).noExecute(true).report(page.toString()).build(), new CancelToken());

        assertTrue(launch.finished());
        String html = Files.readString(page);
        assertTrue(html, html.contains(launch.result().changeSetName()));
        assertTrue(html, html.contains("REVIEW_IN_PROGRESS"));
    }
}

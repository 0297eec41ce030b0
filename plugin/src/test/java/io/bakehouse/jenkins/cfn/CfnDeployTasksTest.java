package io.bakehouse.jenkins.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.WatchState;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.jenkins.PipelineValues;
import io.bakehouse.jenkins.RecordingProgress;
import io.bakehouse.jenkins.Serialization;
import io.bakehouse.jenkins.WaitHandle;
import io.bakehouse.testkit.MotoServer;
import io.bakehouse.testkit.RecordingReporter;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The agent side of cfnDeploy against moto: launch (template and parameters file in the
 * workspace), await from the saved handle (as after a restart), cancel, and serialisation.
 */
public class CfnDeployTasksTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    /** A one-resource template; its parameter Value becomes the SSM parameter /app/value. */
    static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Value:",
            "    Type: String",
            "Resources:",
            "  Param:",
            "    Type: AWS::SSM::Parameter",
            "    Properties:",
            "      Name: /app/value",
            "      Type: String",
            "      Value: !Ref Value",
            "");

    private AwsClients clients;
    private File workspace;
    private final RecordingReporter reporter = new RecordingReporter();

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        workspace = temp.newFolder("ws");
        Files.createDirectories(workspace.toPath().resolve("cloudformation/params"));
        Files.writeString(workspace.toPath().resolve("cloudformation/app.yaml"), TEMPLATE);
        Files.writeString(workspace.toPath().resolve("cloudformation/params/dev.json"), "{\"Value\": \"from-file\"}");
    }

    private static CfnDeployRequest request() {
        return CfnDeployRequest.builder("app").template("cloudformation/app.yaml")
                .paramsFile("cloudformation/params/dev.json").timeout(Duration.ofMinutes(5)).build();
    }

    /** The handle as the execution saves it with the build and reads it back after a restart. */
    private static WaitHandle saved(JsonValue launched) {
        return WaitHandle.fromJsonMap(PipelineValues.of(Serialization.roundTrip((WaitHandle) launched).toJsonMap()));
    }

    private String ssm() {
        return clients.ssm().getParameter(r -> r.name("/app/value")).parameter().value();
    }

    @Test
    public void serialisation_roundTrip_keepsEveryTask() {
        CfnDeployRequest request = CfnDeployRequest.builder("app").template("t.yaml").params(Map.of("Value", "v"))
                .capabilities(List.of("CAPABILITY_IAM")).terminationProtection(true).timeout(Duration.ofMinutes(9)).build();
        assertEquals(new CfnLaunchTask(request), Serialization.roundTrip(new CfnLaunchTask(request)));
        WaitHandle handle = new WaitHandle("stack", Map.of("stack", "app", "changeSetName", "cs", "operation", "CREATE"),
                Instant.now());
        assertEquals(new CfnAwaitTask(handle, null), Serialization.roundTrip(new CfnAwaitTask(handle, null)));
        assertEquals(handle, Serialization.roundTrip(new CfnAwaitTask(handle, new RecordingProgress())).handle());
        assertEquals(new CfnCancelTask(handle), Serialization.roundTrip(new CfnCancelTask(handle)));
    }

    @Test
    public void inWorkspace_localFilesResolveAgainstTheWorkspace_urlsStayAsGiven() {
        CfnDeployRequest request = CfnDeployRequest.builder("app").template("https://s3.amazonaws.com/b/app.yaml")
                .paramsFile("p.json").tagsFile("t.yaml").stackPolicy("policy.json").build();
        CfnDeployRequest resolved = new CfnLaunchTask(request).inWorkspace(new File("/agent/ws"));
        assertEquals("https://s3.amazonaws.com/b/app.yaml", resolved.template());
        assertEquals("/agent/ws/p.json", resolved.paramsFile());
        assertEquals("/agent/ws/t.yaml", resolved.tagsFile());
        assertEquals("/agent/ws/policy.json", resolved.stackPolicy());
    }

    @Test
    public void inWorkspace_reportIsWrittenInTheWorkspace_unlessAbsolute() {
        CfnLaunchTask relative = new CfnLaunchTask(CfnDeployRequest.builder("app").template("t.yaml")
                .report("reports/deploy.html").build());
        CfnLaunchTask absolute = new CfnLaunchTask(CfnDeployRequest.builder("app").template("t.yaml")
                .report("/var/reports/deploy.html").build());
        assertEquals("/agent/ws/reports/deploy.html", relative.inWorkspace(new File("/agent/ws")).report());
        assertEquals("/var/reports/deploy.html", absolute.inWorkspace(new File("/agent/ws")).report());
    }

    @Test
    public void launchThenAwait_withAReport_writesItInTheWorkspaceWhenTheStackSettles() throws Exception {
        CfnDeployRequest request = CfnDeployRequest.builder("app").template("cloudformation/app.yaml")
                .paramsFile("cloudformation/params/dev.json").report("reports/deploy-dev.html").build();
        WaitHandle handle = saved(new CfnLaunchTask(request).run(clients, reporter, workspace));
        File page = new File(workspace, "reports/deploy-dev.html");
        assertFalse("written by the wait, not the launch", page.exists());

        new CfnAwaitTask(handle, null).run(clients, reporter, workspace);

        String html = Files.readString(page.toPath());
        assertTrue(html, html.contains("CREATE_COMPLETE"));
        assertTrue(html, html.contains("from-file"));
        assertTrue(html, html.contains(StackHandles.watch(handle).changeSetName()));
        assertTrue(reporter.text(), reporter.contains("Wrote the deployment report to " + page));
    }

    @Test
    public void await_afterARestart_printsNoEventTheBuildLogAlreadyHas_butReportsThemAll() throws Exception {
        CfnDeployRequest request = CfnDeployRequest.builder("app").template("cloudformation/app.yaml")
                .paramsFile("cloudformation/params/dev.json").report("deploy.html").build();
        WaitHandle launched = saved(new CfnLaunchTask(request).run(clients, reporter, workspace));
        RecordingProgress controller = new RecordingProgress();
        RecordingReporter beforeRestart = new RecordingReporter();
        CfnDeployResult first = new CfnAwaitTask(launched, controller).run(clients, beforeRestart, workspace);
        assertFalse(controller.told.isEmpty());
        assertEquals(first.events().get(first.events().size() - 1).eventId(),
                controller.told.get(controller.told.size() - 1).get(StackHandles.SHOWN_EVENT));
        assertTrue(beforeRestart.text(), beforeRestart.lines().stream().anyMatch(l -> l.contains("CREATE_COMPLETE")
                && l.contains("AWS::CloudFormation::Stack")));
        Files.delete(workspace.toPath().resolve("deploy.html"));

        // The controller restarts; it resumes from the handle as it saved it, progress included.
        WaitHandle resumed = saved(controller.applyTo(launched, Set.of(StackHandles.SHOWN_EVENT)));
        RecordingReporter afterRestart = new RecordingReporter();
        CfnDeployResult second = new CfnAwaitTask(resumed, new RecordingProgress()).run(clients, afterRestart, workspace);

        assertEquals("CREATE_COMPLETE", second.status());
        assertEquals(first.events(), second.events());
        assertFalse(afterRestart.text(), afterRestart.lines().stream()
                .anyMatch(l -> l.contains("AWS::CloudFormation::Stack")));
        String html = Files.readString(workspace.toPath().resolve("deploy.html"));
        assertTrue(html, html.contains("app CREATE_COMPLETE after"));
    }

    @Test
    public void await_afterARestartWithoutProgress_printsTheEventsAgain() {
        WaitHandle launched = saved(new CfnLaunchTask(request()).run(clients, reporter, workspace));
        new CfnAwaitTask(launched, null).run(clients, new RecordingReporter(), workspace);

        RecordingReporter again = new RecordingReporter();
        new CfnAwaitTask(launched, null).run(clients, again, workspace);

        assertTrue(again.text(), again.lines().stream().anyMatch(l -> l.contains("AWS::CloudFormation::Stack")));
    }

    @Test
    public void stackHandles_noEchoParameterNamesAreKept_neverTheirValues() throws Exception {
        Files.writeString(workspace.toPath().resolve("secret.yaml"), TEMPLATE.replace("Resources:",
                "  Token:\n    Type: String\n    NoEcho: true\nResources:")
                + "  Secret:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: !Ref Token\n");
        CfnDeployRequest request = CfnDeployRequest.builder("app").template("secret.yaml")
                .params(Map.of("Value", "v", "Token", "tok-4711-secret")).build();

        WaitHandle handle = saved(new CfnLaunchTask(request).run(clients, reporter, workspace));

        assertEquals(Set.of("Token"), StackHandles.launch(handle).secretParameters());
        assertFalse(handle.toString(), handle.toString().contains("tok-4711-secret"));
    }

    @Test
    public void launchThenAwait_fromTheSavedHandle_deploysTheStack() {
        JsonValue launched = new CfnLaunchTask(request()).run(clients, reporter, workspace);
        WaitHandle handle = saved(launched);
        assertEquals("stack", handle.kind());
        WatchState watch = StackHandles.watch(handle);
        assertEquals("app", watch.stackName());
        assertTrue(watch.stackId(), watch.stackId().contains(":stack/app/"));
        assertTrue(StackHandles.create(handle));
        assertTrue(handle.remainingMillis(Instant.now()) > Duration.ofMinutes(4).toMillis());

        CfnDeployResult result = new CfnAwaitTask(handle, null).run(clients, new RecordingReporter(), workspace);

        assertEquals("CREATE_COMPLETE", result.status());
        assertTrue(result.executed());
        assertEquals(watch.changeSetName(), result.changeSetName());
        assertEquals("from-file", ssm());
        assertTrue(reporter.text(), reporter.contains("Executing change set " + watch.changeSetName()));
    }

    @Test
    public void launch_nothingToChange_returnsTheFinalResultInsteadOfAHandle() {
        new CfnAwaitTask(saved(new CfnLaunchTask(request()).run(clients, reporter, workspace)), null)
                .run(clients, reporter, workspace);

        JsonValue again = new CfnLaunchTask(request()).run(clients, reporter, workspace);

        Map<String, Object> json = PipelineValues.of(again.toJsonMap());
        assertFalse(WaitHandle.isHandle(json));
        assertEquals(Boolean.TRUE, json.get("noChanges"));
        assertEquals(Boolean.FALSE, json.get("executed"));
    }

    @Test
    public void launch_update_isNotACreate_andAwaitAppliesTheNewValue() {
        new CfnAwaitTask(saved(new CfnLaunchTask(request()).run(clients, reporter, workspace)), null)
                .run(clients, reporter, workspace);
        CfnDeployRequest update = CfnDeployRequest.builder("app").template("cloudformation/app.yaml")
                .params(Map.of("Value", "v2")).build();

        WaitHandle handle = saved(new CfnLaunchTask(update).run(clients, reporter, workspace));
        CfnDeployResult result = new CfnAwaitTask(handle, null).run(clients, reporter, workspace);

        assertFalse(StackHandles.create(handle));
        assertEquals("UPDATE_COMPLETE", result.status());
        assertEquals("v2", ssm());
    }

    @Test
    public void cancel_afterTheStackSettled_saysSoAndChangesNothing() {
        WaitHandle handle = saved(new CfnLaunchTask(request()).run(clients, reporter, workspace));
        new CfnAwaitTask(handle, null).run(clients, reporter, workspace);

        JsonValue stopped = new CfnCancelTask(handle).run(clients, reporter, workspace);

        assertEquals("Stack app is CREATE_COMPLETE; nothing to stop", stopped.toJsonMap().get("stopped"));
        assertEquals("from-file", ssm());
    }

    @Test
    public void stackHandles_requestForFinishing_keepsStackPolicyAndTerminationProtection() {
        WaitHandle handle = new WaitHandle("stack", Map.of("stack", "app", "changeSetName", "cs", "operation", "UPDATE",
                "terminationProtection", "true", "stackPolicy", "/agent/ws/policy.json"), Instant.now());
        CfnDeployRequest request = StackHandles.request(handle);
        assertEquals("app", request.stack());
        assertEquals("cs", request.executeChangeSet());
        assertTrue(request.terminationProtection());
        assertEquals("/agent/ws/policy.json", request.stackPolicy());
    }
}

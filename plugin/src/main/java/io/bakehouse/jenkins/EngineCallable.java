package io.bakehouse.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.MaskingReporter;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.output.Secrets;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one {@link AgentTask} on the agent that holds the workspace, so the engine uses the
 * agent's identity (its ECS task role) unless the step named credentials or a role.
 *
 * <p>The AWS environment is the agent process's own (where the container credentials
 * endpoint is announced) overlaid with the build's variables ({@code withEnv}, credential
 * bindings), as a shell step on that agent would see it.
 */
public final class EngineCallable extends MasterToSlaveFileCallable<AgentOutcome> {

    private static final long serialVersionUID = 1L;

    private final String functionName;
    private final AwsSettings settings;
    private final HashMap<String, String> buildEnvironment;
    private final AgentTask<?> task;
    private final TaskListener listener;

    public EngineCallable(String functionName, AwsSettings settings, Map<String, String> buildEnvironment,
                          AgentTask<?> task, TaskListener listener) {
        this.functionName = functionName;
        this.settings = settings;
        this.buildEnvironment = new HashMap<>(buildEnvironment);
        this.task = task;
        this.listener = listener;
    }

    @Override
    public AgentOutcome invoke(File workspace, VirtualChannel channel) throws InterruptedException {
        Secrets secrets = secrets();
        Reporter reporter = new MaskingReporter(new BuildLogReporter(listener.getLogger(), functionName), secrets);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(buildEnvironment);
        try (AwsClients clients = AwsClients.create(settings, new AwsEnvironment(env))) {
            return AgentOutcome.success(PipelineValues.of(task.run(clients, reporter, workspace).toJsonMap(), secrets));
        } catch (BakehouseException e) {
            return AgentOutcome.failed(StepErrors.describe(functionName, e, secrets));
        }
    }

    /** The secrets this call holds, masked in everything it writes or returns. */
    Secrets secrets() {
        Secrets secrets = new Secrets();
        if (settings.credentials() != null) {
            secrets.add(settings.credentials().secretAccessKey()).add(settings.credentials().sessionToken());
        }
        if (settings.baseRole() != null) {
            secrets.add(settings.baseRole().externalId());
        }
        for (String name : new String[] {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
            secrets.add(buildEnvironment.get(name));
        }
        task.secretValues().forEach(secrets::add);
        return secrets;
    }

    String functionName() {
        return functionName;
    }

    AwsSettings settings() {
        return settings;
    }

    AgentTask<?> task() {
        return task;
    }
}

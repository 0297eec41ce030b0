package io.bakehouse.engine.runner;

import io.bakehouse.engine.output.Reporter;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Runs the gatekeeper in this process and launches approved tasks directly. */
public final class DirectStarter implements TaskStarter {

    private final RunnerConfig config;
    private final TaskLauncher launcher;

    public DirectStarter(RunnerConfig config, EcsClient ecs, Reporter reporter) {
        this.config = config;
        this.launcher = new TaskLauncher(ecs, reporter);
    }

    @Override
    public StartedTask start(RunRequest request) {
        Decision decision = Gatekeeper.decide(config, request);
        if (decision instanceof Decision.Rejected r) {
            throw new RejectedException(r.rejection());
        }
        TaskProgress progress = launcher.launch(((Decision.Approved) decision).launch());
        return new StartedTask(progress, config.maxWaitTime(), config.archive());
    }

    @Override
    public Map<String, Object> describeContainers() {
        return config.describe();
    }
}

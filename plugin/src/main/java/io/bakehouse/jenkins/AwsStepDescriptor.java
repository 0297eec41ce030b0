package io.bakehouse.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What every Bakehouse step needs from its context: the build (credentials are looked up
 * as it), a workspace (so the engine runs on that agent), the log and the build's
 * environment. Using a step outside {@code node} therefore fails before it starts.
 */
public abstract class AwsStepDescriptor extends StepDescriptor {

    private static final Set<Class<?>> REQUIRED = Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return REQUIRED;
    }
}

package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;
import io.bakehouse.jenkinsmirror.Mirror;

public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        throw Mirror.unsupported();
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw Mirror.unsupported();
    }

    public boolean isAdvanced() {
        throw Mirror.unsupported();
    }

}

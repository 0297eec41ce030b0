package io.bakehouse.harness;

import groovy.lang.Binding;
import groovy.lang.MissingPropertyException;

/** The scripts' globals; as in Jenkins, an environment variable reads as a global of its name. */
final class PipelineBinding extends Binding {

    private final EnvVars env;

    PipelineBinding(EnvVars env) {
        this.env = env;
    }

    @Override
    public Object getVariable(String name) {
        if (super.hasVariable(name)) {
            return super.getVariable(name);
        }
        if (env.contains(name)) {
            return env.get(name);
        }
        throw new MissingPropertyException(name, getClass());
    }

    @Override
    public boolean hasVariable(String name) {
        return super.hasVariable(name) || env.contains(name);
    }
}

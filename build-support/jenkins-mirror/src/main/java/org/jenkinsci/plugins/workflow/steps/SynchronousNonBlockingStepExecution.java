package org.jenkinsci.plugins.workflow.steps;

import io.bakehouse.jenkinsmirror.Mirror;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw Mirror.unsupported();
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw Mirror.unsupported();
    }

    @Override
    public void onResume() {
        throw Mirror.unsupported();
    }

    @Override
    public String getStatus() {
        throw Mirror.unsupported();
    }

    @Override
    public boolean blocksRestart() {
        throw Mirror.unsupported();
    }
}

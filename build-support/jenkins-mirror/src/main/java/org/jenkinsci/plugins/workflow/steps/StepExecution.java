package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import io.bakehouse.jenkinsmirror.Mirror;

public abstract class StepExecution implements Serializable {

    private static final long serialVersionUID = 1L;

    @Deprecated
    protected StepExecution() {
        throw Mirror.unsupported();
    }

    protected StepExecution(StepContext context) {
        throw Mirror.unsupported();
    }

    public StepContext getContext() {
        throw Mirror.unsupported();
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw Mirror.unsupported();
    }

    public void onResume() {
        throw Mirror.unsupported();
    }

    public String getStatus() {
        throw Mirror.unsupported();
    }

    public boolean blocksRestart() {
        throw Mirror.unsupported();
    }

    public final String getStatusBounded(long timeout, TimeUnit unit) {
        throw Mirror.unsupported();
    }
}

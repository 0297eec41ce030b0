package io.bakehouse.engine.runner;

import java.util.Map;

/**
 * Asks for a task: in-process ({@link DirectStarter}: the gatekeeper runs here and RunTask is
 * called with our own credentials) or through the invoker Lambda ({@link LambdaStarter}).
 */
public interface TaskStarter {

    /** Checks and starts the request; throws {@link RejectedException} when it is refused. */
    StartedTask start(RunRequest request);

    /** The containers, their scripts and what each accepts. */
    Map<String, Object> describeContainers();
}

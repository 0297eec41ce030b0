package io.bakehouse.jenkins.cfn;

import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.StackLaunch;
import io.bakehouse.engine.cfn.WatchState;
import io.bakehouse.jenkins.WaitHandle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An executing change set as a {@link WaitHandle} (plain strings, saved with the build) and
 * back: where to watch from, how far the build log got, and the little of the request that
 * finishing needs. Names and paths only: never a parameter's value.
 */
final class StackHandles {

    static final String KIND = "stack";
    private static final String STACK = "stack";
    private static final String STACK_ID = "stackId";
    private static final String CHANGE_SET = "changeSetName";
    private static final String LAST_EVENT = "lastEventId";
    private static final String OPERATION = "operation";
    private static final String TERMINATION_PROTECTION = "terminationProtection";
    private static final String STACK_POLICY = "stackPolicy";
    private static final String REPORT = "report";
    private static final String SECRET_PARAMETERS = "noEchoParameters";
    /** The newest event printed to the build log; the only identifier the agent moves forward. */
    static final String SHOWN_EVENT = "shownEventId";

    private StackHandles() {
    }

    /** {@code request} as the launch ran it (paths resolved on the agent). */
    static WaitHandle of(StackLaunch launch, CfnDeployRequest request, Instant deadline) {
        WatchState w = launch.watch();
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(STACK, w.stackName());
        putIfSet(ids, STACK_ID, w.stackId());
        ids.put(CHANGE_SET, w.changeSetName());
        putIfSet(ids, LAST_EVENT, w.lastEventId());
        ids.put(OPERATION, launch.create() ? "CREATE" : "UPDATE");
        ids.put(TERMINATION_PROTECTION, String.valueOf(request.terminationProtection()));
        putIfSet(ids, STACK_POLICY, request.stackPolicy());
        putIfSet(ids, REPORT, request.report());
        if (!launch.secretParameters().isEmpty()) {
            ids.put(SECRET_PARAMETERS, String.join(",", launch.secretParameters()));
        }
        return new WaitHandle(KIND, ids, deadline);
    }

    private static void putIfSet(Map<String, String> ids, String key, String value) {
        if (value != null) {
            ids.put(key, value);
        }
    }

    static WatchState watch(WaitHandle handle) {
        Map<String, String> ids = handle.ids();
        return new WatchState(ids.get(STACK), ids.get(STACK_ID), ids.get(CHANGE_SET), ids.get(LAST_EVENT));
    }

    /** The executing change set to resume watching. */
    static StackLaunch launch(WaitHandle handle) {
        String secret = handle.ids().get(SECRET_PARAMETERS);
        return StackLaunch.executing(watch(handle), create(handle),
                secret == null ? Set.of() : Set.of(secret.split(",")));
    }

    static boolean create(WaitHandle handle) {
        return "CREATE".equals(handle.ids().get(OPERATION));
    }

    /** What finishing the deployment needs of the request: the stack, its policy, termination protection, report. */
    static CfnDeployRequest request(WaitHandle handle) {
        Map<String, String> ids = handle.ids();
        return CfnDeployRequest.builder(ids.get(STACK)).executeChangeSet(ids.get(CHANGE_SET))
                .stackPolicy(ids.get(STACK_POLICY)).report(ids.get(REPORT))
                .terminationProtection(Boolean.parseBoolean(ids.get(TERMINATION_PROTECTION))).build();
    }
}

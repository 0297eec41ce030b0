package io.bakehouse.jenkins.cfn;

import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.StackLaunch;
import io.bakehouse.engine.cfn.WatchState;
import io.bakehouse.jenkins.WaitHandle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An executing change set as a {@link WaitHandle} (plain strings, saved with the build) and
 * back: where to watch from, and the little of the request that finishing needs.
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

    static boolean create(WaitHandle handle) {
        return "CREATE".equals(handle.ids().get(OPERATION));
    }

    /** What finishing the deployment needs of the request: the stack, its policy, termination protection. */
    static CfnDeployRequest request(WaitHandle handle) {
        Map<String, String> ids = handle.ids();
        return CfnDeployRequest.builder(ids.get(STACK)).executeChangeSet(ids.get(CHANGE_SET))
                .stackPolicy(ids.get(STACK_POLICY))
                .terminationProtection(Boolean.parseBoolean(ids.get(TERMINATION_PROTECTION))).build();
    }
}

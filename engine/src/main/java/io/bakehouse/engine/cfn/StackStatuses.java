package io.bakehouse.engine.cfn;

import java.util.Set;

/** What CloudFormation's stack statuses mean for a deployment. */
final class StackStatuses {

    static final String REVIEW_IN_PROGRESS = "REVIEW_IN_PROGRESS";
    static final String DELETE_COMPLETE = "DELETE_COMPLETE";

    private static final Set<String> SUCCESS = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
    /** A create that failed: the stack can only be deleted. */
    private static final Set<String> FAILED_CREATE = Set.of("ROLLBACK_COMPLETE", "CREATE_FAILED");

    private StackStatuses() {
    }

    /** An operation is running (REVIEW_IN_PROGRESS is not one: it waits for a change set). */
    static boolean inProgress(String status) {
        return status != null && status.endsWith("_IN_PROGRESS") && !REVIEW_IN_PROGRESS.equals(status);
    }

    static boolean success(String status) {
        return SUCCESS.contains(status);
    }

    static boolean failedCreate(String status) {
        return FAILED_CREATE.contains(status);
    }

    /** A state from which no change set can be executed until someone repairs the stack. */
    static boolean stuck(String status) {
        return status != null && (status.endsWith("ROLLBACK_FAILED") || "DELETE_FAILED".equals(status)
                || "UPDATE_FAILED".equals(status));
    }

    /** What to do after an operation ended in {@code status}. */
    static String hintFor(String status) {
        if (status == null) {
            return null;
        }
        if (failedCreate(status)) {
            return "fix the cause and deploy again: the failed stack can only be deleted, and the next deploy"
                    + " replaces it (unless --no-replace-failed-stack / replaceFailedStack: false)";
        }
        if ("UPDATE_ROLLBACK_COMPLETE".equals(status)) {
            return "the stack is back on its previous version and can be updated: fix the cause and deploy again";
        }
        if (status.endsWith("ROLLBACK_FAILED")) {
            return "repair the resources that could not roll back, then run"
                    + " `aws cloudformation continue-update-rollback` (or delete the stack) before deploying again";
        }
        if ("DELETE_FAILED".equals(status)) {
            return "remove what blocks the deletion (e.g. a non-empty bucket) and delete the stack again";
        }
        return "look at the stack's events in the CloudFormation console for details";
    }
}

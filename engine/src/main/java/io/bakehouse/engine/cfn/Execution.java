package io.bakehouse.engine.cfn;

/**
 * A change set CloudFormation is executing, with what finishing the deployment needs besides.
 *
 * @param state  where the watch of the execution starts
 * @param view   the change set
 * @param create whether it creates the stack (cancelling then deletes the stack)
 * @param before the stack as it was before, or {@code null}: termination protection is turned
 *               on afterwards unless it already was
 * @param policy the stack policy to set once a new stack exists, or {@code null}
 * @param facts  what the report shows so far
 */
record Execution(WatchState state, ChangeSetView view, boolean create, StackState before, String policy,
                 ReportFacts facts) implements Launched {

    @Override
    public StackLaunch toStackLaunch() {
        return StackLaunch.executing(state, create, TemplateParameter.noEchoKeys(facts.declared()));
    }
}

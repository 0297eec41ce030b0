package io.bakehouse.engine.cfn;

import java.util.function.Supplier;

/**
 * A deployment up to the moment its change set executes, by either road: a change set made
 * from the template (planned, created, reviewed, executed unless the request asks for review)
 * or one made earlier ({@code executeChangeSet}). What it creates and cannot execute it
 * removes again. It writes the report of a deployment that ends here, and of one that fails
 * here once it has named its change set; an executing change set is reported by whoever
 * watches it ({@link ExecutionWatch}).
 */
final class ChangeSetLauncher {

    private final ChangeSetPlanner planner;
    private final StackSettling settling;
    private final ChangeSetLifecycle changeSets;
    private final DeploymentReportWriter reports;

    ChangeSetLauncher(ChangeSetPlanner planner, StackSettling settling, ChangeSetLifecycle changeSets,
                      DeploymentReportWriter reports) {
        this.planner = planner;
        this.settling = settling;
        this.changeSets = changeSets;
        this.reports = reports;
    }

    Launched launch(Deployment d) {
        return d.request().executeChangeSet() != null ? executeExisting(d) : createAndExecute(d);
    }

    /**
     * A change set that was executing when an earlier call handed it over ({@code launch}, perhaps
     * rebuilt after a restart), read again: its changes and parameters (the launch's NoEcho ones
     * masked in the report), and the policy a new stack gets.
     */
    Execution rejoin(Deployment d, StackLaunch launch) {
        WatchState state = launch.watch();
        ReportFacts named = ReportFacts.named(state.changeSetName());
        String stack = state.stackId() != null ? state.stackId() : d.stack();
        ChangeSetView view = reports.onFailure(d, named, () -> changeSets.describe(stack, state.changeSetName()));
        ReportFacts known = named.withChanges(view.changes()).withParameters(
                launch.secretParameters().stream().map(k -> new TemplateParameter(k, false, true)).toList(),
                view.parameters());
        String policy = reports.onFailure(d, known, () -> DeployInputs.policy(d.request()));
        return new Execution(state, view, launch.create(), null, policy, known);
    }

    private Launched createAndExecute(Deployment d) {
        ChangeSetPlan plan = planner.plan(d);
        if (plan.replace()) {
            settling.deleteFailed(d, plan.existing());
        }
        String name = ChangeSetLifecycle.nameFor(d.request());
        ReportFacts planned = plan.facts(name);
        boolean created = reports.onFailure(d, planned, () -> changeSets.create(d, plan.spec(d.request(), name),
                plan.kept()));
        if (!created) {
            return reports.onFailure(d, planned,
                    () -> finished(d, planned, changeSets.noChanges(d, null, name, plan.existing())));
        }
        ChangeSetView view = removedOnFailure(d, plan, planned, () -> changeSets.await(d, name));
        ReportFacts known = planned.withChanges(view.changes());
        return removedOnFailure(d, plan, known, () -> reviewAndExecute(d, plan, view, known));
    }

    private Launched reviewAndExecute(Deployment d, ChangeSetPlan plan, ChangeSetView view, ReportFacts known) {
        String name = known.changeSetName();
        if (view.empty()) {
            return finished(d, known, changeSets.noChanges(d, view.id(), name, plan.existing()));
        }
        changeSets.requireMade(d, view, name);
        changeSets.print(d, view);
        if (d.request().noExecute()) {
            return finished(d, known, changeSets.leftForReview(d, view, name, plan.existing()));
        }
        changeSets.setPolicyBeforeUpdate(d, plan.create(), plan.policy());
        d.checkCancelled("before the change set was executed");
        WatchState state = changeSets.execute(d, view, name);
        return new Execution(state, view, plan.create(), plan.existing(), plan.policy(), known);
    }

    /** Runs a change set created earlier (e.g. with noExecute, after an approval). */
    private Launched executeExisting(Deployment d) {
        String name = d.request().executeChangeSet();
        ReportFacts named = ReportFacts.named(name);
        ChangeSetView view = reports.onFailure(d, named, () -> changeSets.describe(d.stack(), name));
        ReportFacts known = named.withChanges(view.changes());
        return reports.onFailure(d, known, () -> {
            changeSets.requireExecutable(d, view, name);
            StackState existing = settling.settled(d, settling.read(d.stack()));
            boolean create = existing == null || StackStatuses.REVIEW_IN_PROGRESS.equals(existing.status());
            changeSets.print(d, view);
            String policy = DeployInputs.policy(d.request());
            changeSets.setPolicyBeforeUpdate(d, create, policy);
            WatchState state = changeSets.execute(d, view, name);
            return new Execution(state, view, create, create ? null : existing, policy, known);
        });
    }

    private Launched finished(Deployment d, ReportFacts facts, CfnDeployResult result) {
        return new Launched.Finished(reports.succeeded(d, facts, result));
    }

    /**
     * Runs a stage after the change set was created; when it fails, the change set (and the
     * stack, when it was made for it) is removed before the report is written.
     */
    private <T> T removedOnFailure(Deployment d, ChangeSetPlan plan, ReportFacts facts, Supplier<T> stage) {
        return reports.onFailure(d, facts, () -> {
            try {
                return stage.get();
            } catch (RuntimeException e) {
                d.recovery().cleanUp(facts.changeSetName(), plan.ownsStack());
                throw e;
            }
        });
    }
}

package io.bakehouse.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What every Bakehouse step needs from its context: the build (credentials are looked up
 * as it), a workspace (so the engine runs on that agent), the log and the build's
 * environment. Using a step outside {@code node} therefore fails before it starts. Also
 * fills the form's credentials drop-down (the Snippet Generator's), shared by every step.
 */
public abstract class AwsStepDescriptor extends StepDescriptor {

    private static final Set<Class<?>> REQUIRED = Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return REQUIRED;
    }

    /**
     * The credentials the step's {@code credentialsId} may name (username/password ones, and AWS
     * ones when the aws-credentials plugin is active: {@link AwsCredentials#types()}), as seen
     * from {@code item} (the job whose Snippet Generator asks). Someone who may not configure
     * the job (or, outside a job, administer Jenkins) sees only the value already chosen.
     */
    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        boolean mayList = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        if (!mayList) {
            return result.includeCurrentValue(credentialsId);
        }
        result.includeEmptyValue();
        for (Class<? extends StandardCredentials> type : AwsCredentials.types()) {
            result.includeAs(ACL.SYSTEM2, item, type, List.of());
        }
        return result.includeCurrentValue(credentialsId);
    }
}

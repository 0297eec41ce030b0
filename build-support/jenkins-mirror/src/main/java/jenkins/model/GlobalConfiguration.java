package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.bakehouse.jenkinsmirror.Mirror;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {

    protected GlobalConfiguration() {
        throw Mirror.unsupported();
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw Mirror.unsupported();
    }

    @Override
    public String getGlobalConfigPage() {
        throw Mirror.unsupported();
    }

}

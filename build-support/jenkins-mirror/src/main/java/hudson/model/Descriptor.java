package hudson.model;

import io.bakehouse.jenkinsmirror.Mirror;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {

    public final transient Class<? extends T> clazz = null;

    protected Descriptor(Class<? extends T> clazz) {
        throw Mirror.unsupported();
    }

    protected Descriptor() {
        throw Mirror.unsupported();
    }

    public String getDisplayName() {
        throw Mirror.unsupported();
    }

    public String getId() {
        throw Mirror.unsupported();
    }

    public String getConfigPage() {
        throw Mirror.unsupported();
    }

    public String getGlobalConfigPage() {
        throw Mirror.unsupported();
    }

    @Override
    public synchronized void save() {
        throw Mirror.unsupported();
    }

    @Override
    public synchronized void load() {
        throw Mirror.unsupported();
    }

    @SuppressWarnings("rawtypes")
    protected static Class self() {
        throw Mirror.unsupported();
    }
}

package hudson.model;

import io.bakehouse.jenkinsmirror.Mirror;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {

    @Override
    public Descriptor<T> getDescriptor() {
        throw Mirror.unsupported();
    }
}

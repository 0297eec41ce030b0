package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Run;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    CredentialsScope getScope();

    @Override
    CredentialsDescriptor getDescriptor();

    default Credentials forRun(Run<?, ?> context) {
        throw io.bakehouse.jenkinsmirror.Mirror.unsupported();
    }
}

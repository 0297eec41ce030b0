package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import io.bakehouse.jenkinsmirror.Mirror;
import java.io.Serializable;

public class DomainRequirement implements ExtensionPoint, Serializable {

    private static final long serialVersionUID = 1L;

    public DomainRequirement() {
        throw Mirror.unsupported();
    }
}

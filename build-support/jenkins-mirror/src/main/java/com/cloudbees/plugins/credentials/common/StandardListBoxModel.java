package com.cloudbees.plugins.credentials.common;

import io.bakehouse.jenkinsmirror.Mirror;

public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {

    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {
        throw Mirror.unsupported();
    }

    @Override
    protected String describe(StandardCredentials c) {
        throw Mirror.unsupported();
    }
}

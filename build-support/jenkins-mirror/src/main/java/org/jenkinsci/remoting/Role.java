package org.jenkinsci.remoting;

import io.bakehouse.jenkinsmirror.Mirror;

public final class Role {

    public Role(String name) {
        throw Mirror.unsupported();
    }

    public Role(Class<?> name) {
        throw Mirror.unsupported();
    }

    public String getName() {
        throw Mirror.unsupported();
    }
}

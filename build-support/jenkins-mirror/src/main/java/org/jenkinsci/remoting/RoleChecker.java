package org.jenkinsci.remoting;

import java.util.Collection;
import io.bakehouse.jenkinsmirror.Mirror;

public abstract class RoleChecker {

    public abstract void check(RoleSensitive subject, Collection<Role> expected) throws SecurityException;

    public void check(RoleSensitive subject, Role expected) throws SecurityException {
        throw Mirror.unsupported();
    }

    public void check(RoleSensitive subject, Role... expected) throws SecurityException {
        throw Mirror.unsupported();
    }
}

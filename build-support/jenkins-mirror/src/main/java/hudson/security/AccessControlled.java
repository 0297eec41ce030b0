package hudson.security;

import io.bakehouse.jenkinsmirror.Mirror;

public interface AccessControlled {

    ACL getACL();

    default boolean hasPermission(Permission permission) {
        throw Mirror.unsupported();
    }
}

package hudson.security;

import io.bakehouse.jenkinsmirror.Mirror;
import org.springframework.security.core.Authentication;

public abstract class ACL {

    public static final Authentication SYSTEM2 = null;

    protected ACL() {
        throw Mirror.unsupported();
    }

    public final boolean hasPermission(Permission p) {
        throw Mirror.unsupported();
    }
}

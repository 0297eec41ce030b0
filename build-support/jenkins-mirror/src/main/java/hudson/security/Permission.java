package hudson.security;

import io.bakehouse.jenkinsmirror.Mirror;

public final class Permission {

    /** The real constructors take core types the plugin never uses; this one cannot be called. */
    private Permission() {
        throw Mirror.unsupported();
    }
}

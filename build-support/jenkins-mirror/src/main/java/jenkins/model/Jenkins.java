package jenkins.model;

import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import io.bakehouse.jenkinsmirror.Mirror;
import jenkins.util.io.OnMaster;

public class Jenkins implements AccessControlled, OnMaster {

    public static final Permission ADMINISTER = null;

    /** The real constructor takes core types the plugin never uses; this one cannot be called. */
    private Jenkins() {
        throw Mirror.unsupported();
    }

    public static Jenkins get() throws IllegalStateException {
        throw Mirror.unsupported();
    }

    @Override
    public ACL getACL() {
        throw Mirror.unsupported();
    }
}

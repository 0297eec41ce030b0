package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;

public interface Item extends AccessControlled, OnMaster {

    Permission EXTENDED_READ = null;
}

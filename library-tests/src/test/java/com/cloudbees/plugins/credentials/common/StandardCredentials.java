package com.cloudbees.plugins.credentials.common;

/** The harness's stand-in for the credentials plugin's common credential type: what the library looks up. */
public interface StandardCredentials {

    String getId();
}

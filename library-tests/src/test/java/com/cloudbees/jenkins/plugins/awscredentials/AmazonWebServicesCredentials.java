package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;

/**
 * The harness's stand-in for the aws-credentials plugin's credential type. The library knows it
 * by this name only (it loads in a Jenkins without that plugin), so the name is all that matters.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials {
}

package io.bakehouse.library

import com.cloudbees.groovy.cps.NonCPS
import com.cloudbees.plugins.credentials.CredentialsProvider
import com.cloudbees.plugins.credentials.common.StandardCredentials

/**
 * Which binding a step's {@code credentialsId} needs. The credential is looked up through the
 * Jenkins API as the build, as {@code withCredentials} looks it up: this library is a trusted
 * global library, so it may. An AWS credential (the aws-credentials plugin's type, matched by
 * name so that the library loads in a Jenkins without that plugin) is bound with
 * {@code aws(...)}; anything else with {@code usernamePassword(...)}, which fails as it always
 * did for a missing credential or one of another kind.
 */
class CredentialKind {

    static final String AWS_TYPE = 'com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials'
    static final String AWS = 'aws'
    /** An AWS credential with an MFA device: using it needs a token that a pipeline cannot type. */
    static final String AWS_WITH_MFA = 'aws-with-mfa'
    static final String OTHER = 'other'

    /** The kind of credential {@code credentialsId} names for the build of {@code steps} (a pipeline script). */
    @NonCPS
    static String of(Object steps, String credentialsId) {
        def credential = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials, steps.currentBuild.rawBuild)
        if (credential == null || !isA(credential.getClass(), AWS_TYPE)) {
            return OTHER
        }
        String mfa = credential.hasProperty('iamMfaSerialNumber') ? credential.iamMfaSerialNumber : null
        return mfa != null && !mfa.trim().isEmpty() ? AWS_WITH_MFA : AWS
    }

    /** Whether {@code type} is, extends or implements the type named {@code name}. */
    @NonCPS
    static boolean isA(Class type, String name) {
        if (type == null) {
            return false
        }
        if (type.name == name || isA(type.superclass, name)) {
            return true
        }
        for (Class implemented : type.interfaces) {
            if (isA(implemented, name)) {
                return true
            }
        }
        return false
    }
}

package com.cloudbees.plugins.credentials;

import io.bakehouse.harness.RawBuild;

/**
 * The harness's stand-in for the credentials plugin's lookup, with the one method the library
 * calls ({@code src/io/bakehouse/library/CredentialKind.groovy}) and its meaning: the credential
 * of that ID the build may use, if it is of {@code type}, else {@code null}. The build is the
 * harness's {@link RawBuild} ({@code currentBuild.rawBuild}), which holds the test's credentials.
 */
public final class CredentialsProvider {

    private CredentialsProvider() {
    }

    public static <C> C findCredentialById(String id, Class<C> type, Object build) {
        Object credential = ((RawBuild) build).credential(id);
        return type.isInstance(credential) ? type.cast(credential) : null;
    }
}

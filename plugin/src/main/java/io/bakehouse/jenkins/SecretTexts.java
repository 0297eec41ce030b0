package io.bakehouse.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Reads the values of Secret text credentials (plain-credentials' {@link StringCredentials}) that a step names,
 * on the controller, when the step runs: looked up as the build (so folder and job credentials apply) and
 * recorded as used by it. Only the values travel on, inside the agent call; the step's arguments, which
 * Pipeline keeps with the build, hold the IDs alone. Messages name the parameter entry, never the ID or the
 * value: a secret pasted where an ID belongs must not end up in the log.
 */
public final class SecretTexts {

    private SecretTexts() {
    }

    /**
     * Each entry's credential value, in the order given.
     *
     * @param parameter     the step parameter, for messages ({@code sensitiveVars})
     * @param credentialIds entry name → credential ID
     */
    public static Map<String, String> resolve(Run<?, ?> run, String functionName, String parameter,
                                              Map<String, String> credentialIds) throws AbortException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : credentialIds.entrySet()) {
            StringCredentials found = run == null ? null
                    : CredentialsProvider.findCredentialById(e.getValue(), StringCredentials.class, run);
            if (found == null) {
                throw new AbortException(functionName + ": " + parameter + " entry '" + e.getKey()
                        + "' names no Secret text credential this build may use (add a Secret text credential with"
                        + " that ID, in the job's folder or globally, or correct the ID)");
            }
            CredentialsProvider.track(run, found);
            String value = found.getSecret().getPlainText();
            if (value.isEmpty()) {
                throw new AbortException(functionName + ": " + parameter + " entry '" + e.getKey()
                        + "' names a Secret text credential that is empty (set its secret)");
            }
            values.put(e.getKey(), value);
        }
        return values;
    }
}

package io.bakehouse.engine.aws;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;

/**
 * An access key pair (and optional session token). {@link #toString()} never shows the
 * secret parts, so the value can travel through logs and exception messages safely.
 */
public record StaticCredentials(String accessKeyId, String secretAccessKey, String sessionToken)
        implements Serializable {

    public StaticCredentials {
        InvalidInputException.require("accessKeyId", accessKeyId);
        InvalidInputException.require("secretAccessKey", secretAccessKey);
        if (sessionToken != null && sessionToken.isBlank()) {
            sessionToken = null;
        }
    }

    @Override
    public String toString() {
        return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}

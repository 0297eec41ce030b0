package io.bakehouse.engine.aws;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;

/**
 * An IAM role to assume and the external ID its trust policy asks for ({@code null}: none).
 * The external ID is not a secret to AWS, but a shared value an operator may keep private, so
 * the text form shows only whether there is one.
 */
public record RoleToAssume(String roleArn, String externalId) implements Serializable {

    public RoleToAssume {
        roleArn = roleArn == null ? null : roleArn.trim();
        if (!AwsSettings.isRoleArn(roleArn)) {
            throw new InvalidInputException("roleArn", "'" + roleArn + "' is not an IAM role ARN",
                    "use the form arn:aws:iam::123456789012:role/NAME");
        }
        externalId = externalId == null || externalId.isBlank() ? null : externalId.trim();
    }

    @Override
    public String toString() {
        return "RoleToAssume[roleArn=" + roleArn + (externalId == null ? "" : ", externalId=****") + "]";
    }
}

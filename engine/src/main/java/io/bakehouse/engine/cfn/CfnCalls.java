package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.AwsErrors;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one CloudFormation call, turning an SDK failure into words about what was being done. */
final class CfnCalls {

    private CfnCalls() {
    }

    static <T> T call(String action, Supplier<T> call) {
        return AwsErrors.call(action, call);
    }

    static void call(String action, Runnable call) {
        try {
            call.run();
        } catch (SdkException e) {
            throw AwsErrors.translate(action, e);
        }
    }

    /** Sets the policy of {@code stack} to {@code policy} (a policy document's text). */
    static void setStackPolicy(CloudFormationApi api, String stack, String policy) {
        call("setting the stack policy of " + stack, () -> api.setStackPolicy(stack, policy));
    }

    /** The service's own message (first line), for errors whose code alone says too little. */
    static String serviceMessage(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorMessage() != null) {
            return Lines.firstLine(ase.awsErrorDetails().errorMessage());
        }
        return Lines.firstLine(e.getMessage());
    }
}

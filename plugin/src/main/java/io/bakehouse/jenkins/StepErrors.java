package io.bakehouse.jenkins;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;

/** Words for engine errors in the build log: the one-line cause plus what to do. */
public final class StepErrors {

    private StepErrors() {
    }

    /** The one line a user sees for {@code e} in step {@code functionName}, secrets masked. */
    public static String describe(String functionName, BakehouseException e, Secrets secrets) {
        StringBuilder text = new StringBuilder(functionName).append(": ");
        if (e instanceof InvalidInputException invalid && invalid.field() != null
                && !String.valueOf(e.getMessage()).contains(invalid.field())) {
            text.append(invalid.field()).append(": ");
        }
        text.append(e.getMessage());
        if (e.hint() != null) {
            text.append(" (").append(e.hint()).append(')');
        }
        return secrets.mask(text.toString());
    }
}

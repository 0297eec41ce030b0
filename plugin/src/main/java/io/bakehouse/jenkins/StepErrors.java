package io.bakehouse.jenkins;

import hudson.AbortException;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Words for engine errors in the build log: the one-line cause plus what to do. */
public final class StepErrors {

    private StepErrors() {
    }

    /** The one line a user sees for {@code e} in step {@code functionName}, secrets masked. */
    public static String describe(String functionName, BakehouseException e, Secrets secrets) {
        StringBuilder text = new StringBuilder(functionName).append(": ");
        if (e instanceof InvalidInputException invalid && invalid.field() != null
                && !mentions(String.valueOf(e.getMessage()), invalid.field())) {
            text.append(invalid.field()).append(": ");
        }
        text.append(e.getMessage());
        if (e.hint() != null) {
            text.append(" (").append(e.hint()).append(')');
        }
        return secrets.mask(text.toString());
    }

    /** What {@code check} builds from a step's parameters, or the step failed with the words for its bad input. */
    public static <T> T checked(String functionName, Supplier<T> check) throws AbortException {
        try {
            return check.get();
        } catch (BakehouseException e) {
            throw new AbortException(describe(functionName, e, new Secrets()));
        }
    }

    /** Whether {@code message} already names the parameter as a word (so it need not be repeated). */
    private static boolean mentions(String message, String field) {
        return Pattern.compile("\\b" + Pattern.quote(field) + "\\b").matcher(message).find();
    }
}

package io.bakehouse.engine.error;

/**
 * The one exception type every face catches. It carries a one-line cause, what the user can
 * do about it, and whether the caller got the input wrong ({@link Kind#USAGE}) or the work
 * itself failed ({@link Kind#FAILURE}). Messages never contain secrets.
 */
public class BakehouseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whether the caller's input was wrong or the work failed. Faces map this to exit codes. */
    public enum Kind { USAGE, FAILURE }

    private final Kind kind;
    private final String hint;

    public BakehouseException(Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint;
    }

    public static BakehouseException failure(String message, String hint) {
        return new BakehouseException(Kind.FAILURE, message, hint, null);
    }

    public static BakehouseException failure(String message, String hint, Throwable cause) {
        return new BakehouseException(Kind.FAILURE, message, hint, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** What to do about it, or {@code null} when there is nothing useful to suggest. */
    public String hint() {
        return hint;
    }
}

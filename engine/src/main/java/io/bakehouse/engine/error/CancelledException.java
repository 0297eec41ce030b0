package io.bakehouse.engine.error;

/**
 * The user (Ctrl-C) or the build (Jenkins abort) stopped the work; what it had started has
 * been stopped or rolled back as far as possible. Faces exit 130 or mark the build aborted.
 */
public class CancelledException extends BakehouseException {

    private static final long serialVersionUID = 1L;

    public CancelledException(String message, String hint) {
        super(Kind.FAILURE, message, hint, null);
    }
}

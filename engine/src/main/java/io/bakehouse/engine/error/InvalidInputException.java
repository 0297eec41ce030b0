package io.bakehouse.engine.error;

/** The caller's input is wrong; nothing was done. Carries the name of the offending input. */
public class InvalidInputException extends BakehouseException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message, String hint) {
        super(Kind.USAGE, message, hint, null);
        this.field = field;
    }

    public InvalidInputException(String field, String message) {
        this(field, message, null);
    }

    /** The parameter or option the message is about (step parameter name, camelCase). */
    public String field() {
        return field;
    }

    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }
}

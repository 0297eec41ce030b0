package io.bakehouse.engine.contract;

/** A parameter's type, as every face checks it. */
public enum ParamType {
    STRING("string"),
    BOOLEAN("boolean"),
    /** a whole number */
    INT("int"),
    /** a string such as {@code 90s}, {@code 45m}, {@code 2h}; a bare number means minutes */
    DURATION("duration"),
    /** a list of strings */
    LIST("list"),
    /** a map of strings to strings */
    MAP("map");

    private final String key;

    ParamType(String key) {
        this.key = key;
    }

    /** The type's name in the contract files and the docs. */
    public String key() {
        return key;
    }

    /** A list or a map: given in a pipeline script, with no field in the Jenkins form. */
    public boolean collection() {
        return this == LIST || this == MAP;
    }

    static ParamType of(String key) {
        for (ParamType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + key + "' (string, boolean, int, duration, list or map)");
    }
}

package io.bakehouse.engine.contract;

/** Where a step is offered: each face takes the same parameters, spelt its own way. */
public enum Face {
    /** The Jenkins plugin's steps (camelCase parameters). */
    JENKINS("jenkins", "Jenkins plugin"),
    /** The shared library's steps (vars/): the same names, run through the CLI. */
    LIBRARY("library", "shared library"),
    /** The {@code bakehouse} command: kebab-case options. */
    CLI("cli", "CLI");

    private final String key;
    private final String title;

    Face(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The face's name in the contract files. */
    public String key() {
        return key;
    }

    /** The face's name in prose. */
    public String title() {
        return title;
    }

    /** Whether the face is a Jenkins pipeline step (the plugin's or the library's). */
    public boolean pipeline() {
        return this != CLI;
    }

    static Face of(String key) {
        for (Face f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown face '" + key + "' (jenkins, library or cli)");
    }
}

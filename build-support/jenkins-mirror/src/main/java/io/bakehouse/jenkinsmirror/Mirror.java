package io.bakehouse.jenkinsmirror;

/**
 * Not a Jenkins type: the one helper of this signature-only mirror. Every mirrored body
 * throws what it returns, because the mirror exists only to be compiled against.
 */
public final class Mirror {

    private Mirror() {
    }

    public static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException(
                "signature-only mirror of a Jenkins API: compile against it, never run it");
    }
}

package hudson.util;

import java.io.Serializable;
import io.bakehouse.jenkinsmirror.Mirror;

public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    Secret(String value) {
        throw Mirror.unsupported();
    }

    public String getPlainText() {
        throw Mirror.unsupported();
    }

    public static Secret fromString(String data) {
        throw Mirror.unsupported();
    }

    public static String toString(Secret s) {
        throw Mirror.unsupported();
    }
}

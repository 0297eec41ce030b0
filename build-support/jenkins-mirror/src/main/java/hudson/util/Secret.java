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

}

package hudson;

import java.io.IOException;
import io.bakehouse.jenkinsmirror.Mirror;

public class AbortException extends IOException {

    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw Mirror.unsupported();
    }

    public AbortException(String message) {
        throw Mirror.unsupported();
    }
}

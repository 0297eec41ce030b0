package hudson;

import java.util.Map;
import java.util.TreeMap;
import io.bakehouse.jenkinsmirror.Mirror;

public class EnvVars extends TreeMap<String, String> {

    private static final long serialVersionUID = 1L;

    public EnvVars() {
        throw Mirror.unsupported();
    }

    public EnvVars(Map<String, String> m) {
        throw Mirror.unsupported();
    }

}

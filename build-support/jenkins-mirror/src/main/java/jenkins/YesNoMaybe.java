package jenkins;

import io.bakehouse.jenkinsmirror.Mirror;

public enum YesNoMaybe {
    YES, NO, MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) {
        throw Mirror.unsupported();
    }

    public Boolean toBool() {
        throw Mirror.unsupported();
    }
}

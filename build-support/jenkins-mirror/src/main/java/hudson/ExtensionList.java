package hudson;

import java.util.AbstractList;
import io.bakehouse.jenkinsmirror.Mirror;
import jenkins.util.io.OnMaster;

public class ExtensionList<T> extends AbstractList<T> implements OnMaster {

    /** The real constructors take core types the plugin never uses; this one cannot be called. */
    private ExtensionList() {
        throw Mirror.unsupported();
    }

    @Override
    public T get(int index) {
        throw Mirror.unsupported();
    }

    @Override
    public int size() {
        throw Mirror.unsupported();
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw Mirror.unsupported();
    }
}

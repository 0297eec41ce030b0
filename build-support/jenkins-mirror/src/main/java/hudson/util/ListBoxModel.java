package hudson.util;

import io.bakehouse.jenkinsmirror.Mirror;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    private static final long serialVersionUID = 1L;

    public static final class Option {

        public Option(String name, String value) {
            throw Mirror.unsupported();
        }
    }

    public ListBoxModel() {
        throw Mirror.unsupported();
    }
}

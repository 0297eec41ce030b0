package io.bakehouse.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small text helpers shared by the steps. */
public final class Texts {

    private Texts() {
    }

    /** {@code null} for null or blank text, otherwise the text trimmed. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A Pipeline map as text: Groovy may pass interpolated strings or numbers as keys and values. */
    public static Map<String, String> strings(Map<?, ?> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(k == null ? null : k.toString(), v == null ? null : v.toString()));
        }
        return copy;
    }

    /** A copy of a Pipeline map, or {@code null}. */
    public static Map<String, Object> mapCopy(Map<String, Object> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }

    /** A copy of a Pipeline list, or {@code null}. */
    public static List<String> listCopy(List<String> list) {
        return list == null ? null : new ArrayList<>(list);
    }
}

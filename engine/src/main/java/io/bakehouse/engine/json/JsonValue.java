package io.bakehouse.engine.json;

import java.util.Map;

/** A value (usually a step result) with one JSON form, the same in every face. */
public interface JsonValue {

    /** An insertion-ordered map of JSON-writable values. */
    Map<String, Object> toJsonMap();
}

package io.bakehouse.engine.json;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The engine's one YAML mapper, for the files people write in YAML or JSON (runner
 * configurations, parameter and tag files, templates). Apart from {@link Json} so a command that
 * reads no YAML never loads it.
 */
public final class Yaml {

    /** Shared and configured once; never reconfigure it (a caller wanting a feature takes a reader with it). */
    public static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }
}

package io.bakehouse.cli;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CLI takes secret values from: the environment ({@code --sensitive-var-env NAME=ENVVAR}) or a file
 * ({@code --sensitive-var-file NAME=FILE}), never its own command line. Messages name the variable, the
 * environment variable or the file, never the value.
 */
final class SensitiveValues {

    private SensitiveValues() {
    }

    /** Variable name → secret value; {@code dir} is where relative file names start. */
    static Map<String, String> read(Map<String, String> fromEnv, Map<String, String> fromFiles, Map<String, String> env,
                                    Path dir) {
        Map<String, String> values = new LinkedHashMap<>();
        fromEnv.forEach((name, variable) -> {
            String value = env.get(variable);
            if (value == null || value.isEmpty()) {
                throw new InvalidInputException("--sensitive-var-env", "sensitive variable '" + name
                        + "': the environment variable " + variable + " is " + (value == null ? "not set" : "empty"),
                        "export " + variable + " before running bakehouse (a CI secret binding does that), or use"
                                + " --sensitive-var-file");
            }
            values.put(name, value);
        });
        fromFiles.forEach((name, file) -> {
            if (values.containsKey(name)) {
                throw new InvalidInputException("--sensitive-var-file", "sensitive variable '" + name
                        + "' is given both from the environment and from a file", "give it once");
            }
            values.put(name, fileValue(name, dir.resolve(file)));
        });
        return values;
    }

    private static String fileValue(String name, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--sensitive-var-file", "sensitive variable '" + name + "': " + file
                    + " is not a file", "check the path (relative paths start at the current directory)");
        }
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("--sensitive-var-file", "sensitive variable '" + name + "': " + file
                    + " is not UTF-8 text", "write the value as UTF-8 text");
        } catch (IOException e) {
            throw BakehouseException.failure("Cannot read " + file + " for sensitive variable '" + name + "': "
                    + e.getClass().getSimpleName(), "check the file's permissions");
        }
        // A file written by echo or an editor ends with a line break that is not part of the secret.
        if (value.endsWith("\r\n")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty()) {
            throw new InvalidInputException("--sensitive-var-file", "sensitive variable '" + name + "': " + file
                    + " is empty", "write the secret into the file");
        }
        return value;
    }
}

package io.bakehouse.engine.packer;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The argument vectors of {@code packer init} and {@code build} for one request. No variable
 * value appears in them (a command line is visible to every user of the machine): every variable, sensitive or
 * not, goes to one var file readable by its owner only, given last so that it overrides the user's var files
 * as {@code -var} would, and deleted by {@link #close()}. A value is handed over as Packer would read it from
 * {@code -var}: as a string, or, for a variable of a list, map or object type, as the HCL literal it spells.
 */
final class PackerCommandLine implements AutoCloseable {

    private final PackerBuildRequest request;
    private final Template template;
    private final String binary;
    private final Map<String, String> plainVars = new LinkedHashMap<>();
    private final Map<String, String> secretVars = new LinkedHashMap<>();
    private final Map<String, Object> fileValues;
    private Path varFile;

    PackerCommandLine(PackerBuildRequest request, Template template, String binary, String bakeKey) {
        this.request = request;
        this.template = template;
        this.binary = binary;
        Set<String> markedSensitive = template.sensitiveVariables();
        request.vars().forEach((k, v) -> (markedSensitive.contains(k) ? secretVars : plainVars).put(k, v));
        secretVars.putAll(request.sensitiveVars());
        if (template.variables().contains(PackerBuildRequest.BAKE_KEY_VARIABLE)) {
            plainVars.put(PackerBuildRequest.BAKE_KEY_VARIABLE, bakeKey);
        }
        checkDeclared(request.vars().keySet(), "vars");
        checkDeclared(request.sensitiveVars().keySet(), "sensitiveVars");
        fileValues = fileValues();
    }

    /**
     * Packer refuses a {@code -var} the template does not declare, but only warns about one in a var file; the
     * variables are checked here so that a misspelt name still stops the bake before it starts.
     */
    private void checkDeclared(Set<String> names, String field) {
        Set<String> declared = template.variables();
        for (String name : names) {
            if (!declared.contains(name)) {
                throw new InvalidInputException(field, "variable '" + name + "' is not declared by the template "
                        + template.path().getFileName(), "declare it in the template (a variable block), or remove it"
                        + " from " + field + " (--" + ("vars".equals(field) ? "var" : "sensitive-var-env") + ")");
            }
        }
    }

    /** Every value that must be masked: the sensitive vars and the vars the template marks sensitive. */
    Map<String, String> secretVars() {
        return Map.copyOf(secretVars);
    }

    /**
     * Every text to mask: the secret values as given and, for a secret list, map or object, each string and
     * number in it (Packer prints them one by one, e.g. as tags).
     */
    List<String> secretTexts() {
        List<String> texts = new ArrayList<>(secretVars.values());
        secretVars.keySet().forEach(name -> leaves(fileValues.get(name), texts));
        return texts;
    }

    private static void leaves(Object value, List<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leaves(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> leaves(v, into));
        } else if (value instanceof String || value instanceof Number) {
            into.add(value.toString());
        }
    }

    /** Whether the template declares {@code bake_key}, so Packer tags the AMI with it itself. */
    boolean passesBakeKey() {
        return plainVars.containsKey(PackerBuildRequest.BAKE_KEY_VARIABLE);
    }

    List<String> init() {
        return List.of(binary, "init", request.template());
    }

    List<String> build() {
        List<String> args = new ArrayList<>(List.of(binary, "build", "-machine-readable", "-color=false",
                "-on-error=" + request.onError()));
        if (request.force()) {
            args.add("-force");
        }
        addInputs(args);
        args.add(request.template());
        return args;
    }

    private void addInputs(List<String> args) {
        if (!request.only().isEmpty()) {
            args.add("-only=" + String.join(",", request.only()));
        }
        if (!request.except().isEmpty()) {
            args.add("-except=" + String.join(",", request.except()));
        }
        for (String file : request.varFiles()) {
            args.add("-var-file=" + file);
        }
        if (!plainVars.isEmpty() || !secretVars.isEmpty()) {
            args.add("-var-file=" + writeVarFile());
        }
    }

    /** The values as the var file holds them; checks each list, map or object value is a literal. */
    private Map<String, Object> fileValues() {
        Map<String, Template.Variable> declared = template.isHcl2() ? template.declared() : Map.of();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> all = new LinkedHashMap<>(plainVars);
        all.putAll(secretVars);
        all.forEach((name, value) -> {
            Template.Variable variable = declared.get(name);
            if (variable == null || !variable.takesExpression()) {
                values.put(name, value);
                return;
            }
            try {
                values.put(name, HclLiteral.parse(value));
            } catch (IllegalArgumentException e) {
                String field = secretVars.containsKey(name) ? "sensitiveVars" : "vars";
                throw new InvalidInputException(field, "variable '" + name + "' is declared "
                        + (variable.type() == null ? "with a list or map default" : "as " + variable.type())
                        + ", but its value is not an HCL literal: " + e.getMessage(),
                        "write it as Packer would read it from -var, e.g. [\"a\", \"b\"] or {key = \"value\"}");
            }
        });
        return values;
    }

    private synchronized Path writeVarFile() {
        if (varFile == null) {
            try {
                // .pkrvars.json: HCL2 Packer reads it as JSON (its strings are taken as they are, never as
                // templates); legacy JSON templates take any name.
                String suffix = template.isHcl2() ? ".pkrvars.json" : ".json";
                boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
                Path file = posix
                        ? Files.createTempFile("bakehouse-", suffix,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                        : Files.createTempFile("bakehouse-", suffix);
                varFile = file;
                Files.writeString(file, Json.write(fileValues), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw BakehouseException.failure("Cannot write the temporary var file for the template's variables: "
                        + e.getMessage(), "check that the temporary directory (java.io.tmpdir) is writable", e);
            }
        }
        return varFile;
    }

    /** The var file holding every variable's value, or {@code null} while none was needed. */
    synchronized Path varFile() {
        return varFile;
    }

    @Override
    public synchronized void close() {
        if (varFile != null) {
            try {
                Files.deleteIfExists(varFile);
            } catch (IOException e) {
                varFile.toFile().deleteOnExit();
            }
        }
    }
}

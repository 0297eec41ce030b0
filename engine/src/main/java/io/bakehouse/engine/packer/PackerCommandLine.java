package io.bakehouse.engine.packer;

import io.bakehouse.engine.error.BakehouseException;
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
 * The argument vectors of {@code packer init}, {@code validate} and {@code build} for one request. Sensitive
 * values never appear in them (a command line is visible to every user of the machine): they go to a var file
 * readable by its owner only, given last so it overrides the user's var files as {@code -var} would, and
 * deleted by {@link #close()}.
 */
final class PackerCommandLine implements AutoCloseable {

    private final PackerBuildRequest request;
    private final Template template;
    private final String binary;
    private final Map<String, String> plainVars = new LinkedHashMap<>();
    private final Map<String, String> secretVars = new LinkedHashMap<>();
    private Path secretFile;

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
    }

    /** Every value that must be masked: the sensitive vars and the vars the template marks sensitive. */
    Map<String, String> secretVars() {
        return Map.copyOf(secretVars);
    }

    /** Whether the template declares {@code bake_key}, so Packer tags the AMI with it itself. */
    boolean passesBakeKey() {
        return plainVars.containsKey(PackerBuildRequest.BAKE_KEY_VARIABLE);
    }

    List<String> init() {
        return List.of(binary, "init", request.template());
    }

    List<String> validate() {
        List<String> args = new ArrayList<>(List.of(binary, "validate", "-machine-readable"));
        addInputs(args);
        args.add(request.template());
        return args;
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
        if (!secretVars.isEmpty()) {
            args.add("-var-file=" + secretFile());
        }
        plainVars.forEach((k, v) -> {
            args.add("-var");
            args.add(k + "=" + v);
        });
    }

    private synchronized Path secretFile() {
        if (secretFile == null) {
            try {
                // .pkrvars.json: HCL2 Packer reads it as JSON; legacy JSON templates take any name.
                String suffix = template.isHcl2() ? ".pkrvars.json" : ".json";
                boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
                Path file = posix
                        ? Files.createTempFile("bakehouse-", suffix,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                        : Files.createTempFile("bakehouse-", suffix);
                Files.writeString(file, Json.write(secretVars), StandardCharsets.UTF_8);
                secretFile = file;
            } catch (IOException e) {
                throw BakehouseException.failure("Cannot write the temporary var file for sensitive variables: "
                        + e.getMessage(), "check that the temporary directory (java.io.tmpdir) is writable", e);
            }
        }
        return secretFile;
    }

    /** The var file holding the sensitive values, or {@code null} while none was needed. */
    Path secretVarFile() {
        return secretFile;
    }

    @Override
    public synchronized void close() {
        if (secretFile != null) {
            try {
                Files.deleteIfExists(secretFile);
            } catch (IOException e) {
                secretFile.toFile().deleteOnExit();
            }
        }
    }
}

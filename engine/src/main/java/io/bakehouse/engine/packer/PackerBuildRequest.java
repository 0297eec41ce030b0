package io.bakehouse.engine.packer;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code packerBuild} bakes.
 *
 * @param template       the template file ({@code .pkr.hcl}, {@code .pkr.json} or legacy {@code .json}) or a
 *                       directory of HCL2 files; relative to {@code workingDir}
 * @param vars           {@code -var} values
 * @param sensitiveVars  values that never reach the command line or any output
 * @param varFiles       {@code -var-file}s, relative to {@code workingDir}
 * @param only           builds to run ({@code -only})
 * @param except         builds to skip ({@code -except})
 * @param onError        {@code cleanup} (default), {@code abort} or {@code run-cleanup-provisioner}; Packer's
 *                       {@code ask} is not offered, as a pipeline has no one to answer it
 * @param force          {@code -force}: replace an existing AMI of the same name
 * @param workingDir     where Packer runs; {@code null} for the current directory
 * @param packer         the packer binary; {@code null} to look it up on {@code PATH}
 * @param rebake         build even when an AMI with the same bake key exists
 * @param timeout        the longest the whole run (init, validate, build) may take
 */
public record PackerBuildRequest(String template, Map<String, String> vars, Map<String, String> sensitiveVars,
                                 List<String> varFiles, List<String> only, List<String> except, String onError,
                                 boolean force, String workingDir, String packer, boolean rebake, Duration timeout)
        implements Serializable {

    public static final String DEFAULT_ON_ERROR = "cleanup";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);
    /** The variable through which a template receives the bake key (see {@link BakeKey}). */
    public static final String BAKE_KEY_VARIABLE = "bake_key";
    static final Set<String> ON_ERROR = Set.of("cleanup", "abort", "run-cleanup-provisioner");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    public PackerBuildRequest {
        InvalidInputException.require("template", template);
        vars = copy("vars", vars);
        sensitiveVars = copy("sensitiveVars", sensitiveVars);
        for (String name : sensitiveVars.keySet()) {
            if (vars.containsKey(name)) {
                throw new InvalidInputException("sensitiveVars", "variable '" + name
                        + "' is given both as a var and as a sensitive var", "give it once, as a sensitive var");
            }
        }
        if (vars.containsKey(BAKE_KEY_VARIABLE) || sensitiveVars.containsKey(BAKE_KEY_VARIABLE)) {
            throw new InvalidInputException("vars", "the variable " + BAKE_KEY_VARIABLE + " is set by Bakehouse",
                    "remove it from vars; Bakehouse computes the bake key from the template and its inputs");
        }
        varFiles = list("varFiles", varFiles);
        only = list("only", only);
        except = list("except", except);
        if (!only.isEmpty() && !except.isEmpty()) {
            throw new InvalidInputException("only", "only and except cannot be used together",
                    "name the builds to run with only, or the builds to skip with except");
        }
        onError = onError == null || onError.isBlank() ? DEFAULT_ON_ERROR : onError.trim();
        if (!ON_ERROR.contains(onError)) {
            throw new InvalidInputException("onError", "onError '" + onError
                    + "' is not one of cleanup, abort, run-cleanup-provisioner",
                    "a pipeline has no one to answer Packer's 'ask', so that mode is not offered");
        }
        workingDir = workingDir == null || workingDir.isBlank() ? null : workingDir;
        packer = packer == null || packer.isBlank() ? null : packer;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("timeout", "timeout must be positive");
        }
    }

    /** Like the record's own, but with the sensitive values masked. */
    @Override
    public String toString() {
        Map<String, String> masked = new LinkedHashMap<>();
        sensitiveVars.keySet().forEach(k -> masked.put(k, io.bakehouse.engine.output.Secrets.MASK));
        return "PackerBuildRequest[template=" + template + ", vars=" + vars + ", sensitiveVars=" + masked
                + ", varFiles=" + varFiles + ", only=" + only + ", except=" + except + ", onError=" + onError
                + ", force=" + force + ", workingDir=" + workingDir + ", packer=" + packer + ", rebake=" + rebake
                + ", timeout=" + timeout + "]";
    }

    /** This request with other sensitive values (e.g. once they have been read from where they are kept). */
    public PackerBuildRequest withSensitiveVars(Map<String, String> values) {
        return new PackerBuildRequest(template, vars, values, varFiles, only, except, onError, force, workingDir, packer,
                rebake, timeout);
    }

    /** A request with only a template; the rest default. */
    public static PackerBuildRequest of(String template) {
        return new PackerBuildRequest(template, null, null, null, null, null, null, false, null, null, false, null);
    }

    private static Map<String, String> copy(String field, Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || !VARIABLE_NAME.matcher(k).matches()) {
                throw new InvalidInputException(field, "'" + k + "' is not a Packer variable name",
                        "variable names start with a letter or _ and hold letters, digits, _ and -");
            }
            if (v == null) {
                throw new InvalidInputException(field, "variable '" + k + "' has no value", "pass it as NAME=VALUE");
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static List<String> list(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new InvalidInputException(field, field + " has an empty entry");
            }
        }
        return List.copyOf(values);
    }
}

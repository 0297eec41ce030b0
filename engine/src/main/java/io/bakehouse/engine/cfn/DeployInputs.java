package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything a deployment reads from local files, read and checked before any AWS call:
 * parameters (file, then command line), kept parameters, tags, the stack policy and a local
 * template (with the capabilities it needs).
 *
 * @param given  parameter values; the command line wins over the file
 * @param keep   parameters to keep at their previous value
 * @param tags   stack tags; the command line wins over the file
 * @param policy the stack policy's text, or {@code null}
 * @param local  the local template, or {@code null} for an S3 URL
 */
record DeployInputs(Map<String, String> given, Set<String> keep, Map<String, String> tags, String policy,
                    TemplateSource.Local local) {

    static DeployInputs read(CfnDeployRequest request) {
        Map<String, String> given = new LinkedHashMap<>();
        Set<String> keep = new LinkedHashSet<>(request.keepParams());
        if (request.paramsFile() != null) {
            KeyValueFiles.Params fromFile = KeyValueFiles.readParams(request.paramsFile());
            given.putAll(fromFile.values());
            keep.addAll(fromFile.keep());
        }
        given.putAll(request.params());
        keep.removeAll(request.params().keySet());
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.tagsFile() != null) {
            tags.putAll(KeyValueFiles.readTags(request.tagsFile()));
        }
        tags.putAll(request.tags());
        String policy = policy(request);
        TemplateSource.Local local = request.templateIsUrl() ? null : TemplateSource.read(request.template());
        if (local != null) {
            Capabilities.require(request.capabilities(), local.summary());
            if (!local.fitsInline() && request.s3Bucket() == null) {
                throw TemplateSource.tooLargeWithoutBucket(local);
            }
        }
        return new DeployInputs(given, keep, tags, policy, local);
    }

    /** The text of the stack policy the request names, or {@code null} when it names none. */
    static String policy(CfnDeployRequest request) {
        return request.stackPolicy() == null ? null : readPolicy(request.stackPolicy());
    }

    private static String readPolicy(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("stackPolicy", "cannot read stack policy " + file + ": " + e.getMessage());
        }
    }
}

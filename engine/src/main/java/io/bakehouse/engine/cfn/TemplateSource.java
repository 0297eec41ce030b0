package io.bakehouse.engine.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Reporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a template comes from: a local file (YAML or JSON), inlined when it fits in a
 * request and uploaded to S3 when it does not, or an S3 URL as given.
 */
final class TemplateSource {

    /** CloudFormation's limit on an inline template body, in bytes. */
    static final int INLINE_LIMIT = 51_200;

    /** A local template read into memory, with what it declares and needs. */
    record Local(Path path, String body, TemplateSummary summary) {

        boolean fitsInline() {
            return body.getBytes(StandardCharsets.UTF_8).length <= INLINE_LIMIT;
        }
    }

    private TemplateSource() {
    }

    static Local read(String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("template", "template " + file + " does not exist or is not a file",
                    "give a local YAML/JSON file or an S3 URL (https://bucket.s3.region.amazonaws.com/key or s3://bucket/key)");
        }
        String body;
        try {
            body = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("template", "cannot read template " + file + ": " + e.getMessage());
        }
        return new Local(path, body, summarise(file, body));
    }

    /** What a template's text declares and needs, read here without asking CloudFormation. */
    static TemplateSummary summarise(String origin, String body) {
        ObjectNode root = TemplateDocument.parse(origin, body);
        return new TemplateSummary(parameters(root.path("Parameters")), Capabilities.needed(root));
    }

    private static List<TemplateParameter> parameters(JsonNode section) {
        List<TemplateParameter> parameters = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : section.properties()) {
            JsonNode p = e.getValue();
            List<String> allowed = new ArrayList<>();
            p.path("AllowedValues").forEach(v -> allowed.add(v.asText()));
            parameters.add(new TemplateParameter(e.getKey(), p.path("Type").asText(null),
                    p.hasNonNull("Default"), "true".equalsIgnoreCase(p.path("NoEcho").asText()), allowed));
        }
        return parameters;
    }

    /** An S3 location as CloudFormation takes it: {@code s3://b/k} becomes an HTTPS URL. */
    static String normaliseUrl(String url, String region) {
        if (url.startsWith("s3://")) {
            String rest = url.substring(5);
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new InvalidInputException("template", "'" + url + "' is not an s3://bucket/key URL");
            }
            return httpsUrl(rest.substring(0, slash), rest.substring(slash + 1), region);
        }
        return url;
    }

    /** Uploads {@code local} to the bucket; the key is named after the stack and the content's hash. */
    static TemplateRef upload(Local local, String stack, String bucket, String prefix, String region,
                              Supplier<S3Client> s3, Reporter reporter) {
        String ext = local.path().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                ? ".json" : ".yaml";
        String key = (prefix == null ? "" : prefix.replaceAll("/+$", "") + "/") + stack + "-"
                + sha256(local.body()).substring(0, 16) + ext;
        reporter.progress("Template " + local.path() + " is over CloudFormation's inline limit ("
                + INLINE_LIMIT + " bytes); uploading it to s3://" + bucket + "/" + key);
        try {
            s3.get().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(local.body(), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw AwsErrors.translate("uploading the template to s3://" + bucket + "/" + key, e);
        }
        return new TemplateRef(null, httpsUrl(bucket, key, region), local.path().toString());
    }

    static BakehouseException tooLargeWithoutBucket(Local local) {
        return new InvalidInputException("s3Bucket", "template " + local.path() + " is "
                + local.body().getBytes(StandardCharsets.UTF_8).length + " bytes, over CloudFormation's inline limit of "
                + INLINE_LIMIT + " bytes, and no S3 bucket was given to upload it to",
                "pass --s3-bucket (s3Bucket) and optionally --s3-prefix, or shrink the template");
    }

    private static String httpsUrl(String bucket, String key, String region) {
        // Virtual-hosted style unless the bucket name has dots (which break the TLS certificate match).
        return bucket.contains(".")
                ? "https://s3." + region + ".amazonaws.com/" + bucket + "/" + key
                : "https://" + bucket + ".s3." + region + ".amazonaws.com/" + key;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

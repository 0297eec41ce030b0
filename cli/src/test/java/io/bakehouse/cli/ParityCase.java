package io.bakehouse.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bakehouse.engine.json.Yaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of the parity corpus ({@code parity/corpus.yaml}, which explains the fields): a
 * template, what both tools are given, and the outcome expected of both.
 */
record ParityCase(String template, Map<String, String> params, List<String> capabilities, Map<String, String> tags,
                  List<String> noEcho, List<SsmFixture> ssm, List<S3Fixture> s3, String expect, String ours,
                  String theirs, String refusedWithout, String why) {

    static final String SAME_STACK = "same-stack";
    static final String BOTH_FAIL = "both-fail";

    /** A Parameter Store value the template reads. */
    record SsmFixture(String name, String type, String value) {
    }

    /** An object the template points to, uploaded from the corpus folder. */
    record S3Fixture(String bucket, String key, String file) {
    }

    ParityCase {
        params = params == null ? Map.of() : Map.copyOf(params);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        noEcho = noEcho == null ? List.of() : List.copyOf(noEcho);
        ssm = ssm == null ? List.of() : List.copyOf(ssm);
        s3 = s3 == null ? List.of() : List.copyOf(s3);
        if (!SAME_STACK.equals(expect) && !BOTH_FAIL.equals(expect)) {
            throw new IllegalArgumentException(template + ": expect is " + SAME_STACK + " or " + BOTH_FAIL);
        }
        if (BOTH_FAIL.equals(expect) && (ours == null || theirs == null)) {
            throw new IllegalArgumentException(template + ": a " + BOTH_FAIL + " row says what each tool reports");
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException(template + ": every row says why it is there");
        }
    }

    static List<ParityCase> load(Path table) throws IOException {
        return Yaml.MAPPER.readValue(table.toFile(), new TypeReference<List<ParityCase>>() { });
    }

    /** The template's name without its extension: the stacks are named after it. */
    String id() {
        return template.substring(0, template.lastIndexOf('.'));
    }

    /** The arguments both tools take alike, in the AWS CLI's spelling. */
    List<String> awsCliArgs(Path templateFile, String stack) {
        List<String> args = new ArrayList<>(List.of("cloudformation", "deploy", "--template-file",
                templateFile.toString(), "--stack-name", stack));
        if (!params.isEmpty()) {
            args.add("--parameter-overrides");
            params.forEach((k, v) -> args.add(k + "=" + v));
        }
        if (!capabilities.isEmpty()) {
            args.add("--capabilities");
            args.addAll(capabilities);
        }
        if (!tags.isEmpty()) {
            args.add("--tags");
            tags.forEach((k, v) -> args.add(k + "=" + v));
        }
        return args;
    }

    /** The same in bakehouse's, with or without the capabilities. */
    List<String> bakehouseArgs(Path templateFile, String stack, boolean withCapabilities) {
        List<String> args = new ArrayList<>(List.of("cfn-deploy", "--stack", stack, "--template",
                templateFile.toString(), "--output", "json"));
        params.forEach((k, v) -> args.addAll(List.of("--param", k + "=" + v)));
        if (withCapabilities) {
            capabilities.forEach(c -> args.addAll(List.of("--capability", c)));
        }
        tags.forEach((k, v) -> args.addAll(List.of("--tag", k + "=" + v)));
        return args;
    }
}

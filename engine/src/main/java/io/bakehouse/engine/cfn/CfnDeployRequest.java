package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.report.ReportFile;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What {@code cfnDeploy} deploys, with the step contract's names (docs/steps.md). Built with
 * {@link #builder(String)}; every field is checked here, so a bad request fails before any
 * AWS call.
 */
public record CfnDeployRequest(String stack, String template, Map<String, String> params, String paramsFile,
                               List<String> keepParams, Map<String, String> tags, String tagsFile,
                               List<String> capabilities, String cfnRoleArn, List<String> notificationArns,
                               boolean terminationProtection, String onFailure, boolean disableRollback,
                               List<String> rollbackAlarms, Integer monitoringMinutes, String stackPolicy,
                               String s3Bucket, String s3Prefix, String changeSetName, boolean noExecute,
                               String executeChangeSet, boolean failOnEmptyChangeset, boolean replaceFailedStack,
                               Duration timeout, String report) implements Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);
    static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");
    static final Set<String> ON_FAILURE = Set.of("ROLLBACK", "DELETE", "DO_NOTHING");
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern CHANGE_SET_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\\d{0,12}:.+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_TAGS = 50;
    private static final int MAX_ALARMS = 5;
    private static final int MAX_MONITORING_MINUTES = 180;

    public CfnDeployRequest {
        if (stack == null || !STACK_NAME.matcher(stack).matches()) {
            throw new InvalidInputException("stack", stack == null || stack.isBlank() ? "stack is required"
                    : "stack name '" + stack + "' is not valid",
                    "a stack name starts with a letter and has at most 128 letters, digits and hyphens");
        }
        template = blankToNull(template);
        executeChangeSet = blankToNull(executeChangeSet);
        if (template == null && executeChangeSet == null) {
            throw new InvalidInputException("template", "template is required (or executeChangeSet to run a reviewed change set)");
        }
        if (template != null && executeChangeSet != null) {
            throw new InvalidInputException("executeChangeSet", "give either template or executeChangeSet, not both",
                    "executeChangeSet runs a change set created earlier with noExecute; it takes no template");
        }
        params = copy(params);
        keepParams = keepParams == null ? List.of() : List.copyOf(keepParams);
        for (String k : keepParams) {
            if (params.containsKey(k)) {
                throw new InvalidInputException("keepParams", "parameter " + k + " is both given a value and kept");
            }
        }
        tags = copy(tags);
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "CloudFormation allows at most " + MAX_TAGS + " stack tags");
        }
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        for (String c : capabilities) {
            if (!CAPABILITIES.contains(c)) {
                throw new InvalidInputException("capabilities", "capability '" + c + "' is not one of "
                        + "CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND");
            }
        }
        cfnRoleArn = blankToNull(cfnRoleArn);
        checkArn("cfnRoleArn", cfnRoleArn);
        notificationArns = notificationArns == null ? List.of() : List.copyOf(notificationArns);
        notificationArns.forEach(a -> checkArn("notificationArns", a));
        onFailure = onFailure == null ? null : onFailure.toUpperCase(java.util.Locale.ROOT);
        if (onFailure != null && !ON_FAILURE.contains(onFailure)) {
            throw new InvalidInputException("onFailure", "onFailure '" + onFailure + "' is not one of ROLLBACK, DELETE, DO_NOTHING");
        }
        if (disableRollback && onFailure != null && !"DO_NOTHING".equals(onFailure)) {
            throw new InvalidInputException("disableRollback", "disableRollback contradicts onFailure " + onFailure,
                    "use onFailure DO_NOTHING (or disableRollback alone) to keep a failed create for inspection");
        }
        rollbackAlarms = rollbackAlarms == null ? List.of() : List.copyOf(rollbackAlarms);
        rollbackAlarms.forEach(a -> checkArn("rollbackAlarms", a));
        if (rollbackAlarms.size() > MAX_ALARMS) {
            throw new InvalidInputException("rollbackAlarms", "CloudFormation allows at most " + MAX_ALARMS + " rollback triggers");
        }
        if (monitoringMinutes != null && (monitoringMinutes < 0 || monitoringMinutes > MAX_MONITORING_MINUTES)) {
            throw new InvalidInputException("monitoringMinutes", "monitoringMinutes must be between 0 and " + MAX_MONITORING_MINUTES);
        }
        stackPolicy = blankToNull(stackPolicy);
        s3Bucket = blankToNull(s3Bucket);
        if (s3Bucket != null && !BUCKET.matcher(s3Bucket).matches()) {
            throw new InvalidInputException("s3Bucket", "'" + s3Bucket + "' is not a valid S3 bucket name");
        }
        s3Prefix = blankToNull(s3Prefix);
        changeSetName = blankToNull(changeSetName);
        if (changeSetName != null && !CHANGE_SET_NAME.matcher(changeSetName).matches()) {
            throw new InvalidInputException("changeSetName", "change set name '" + changeSetName + "' is not valid",
                    "a change set name starts with a letter and has at most 128 letters, digits and hyphens");
        }
        if (executeChangeSet != null && !CHANGE_SET_NAME.matcher(executeChangeSet).matches()
                && !executeChangeSet.startsWith("arn:")) {
            throw new InvalidInputException("executeChangeSet", "'" + executeChangeSet + "' is not a change set name or ARN");
        }
        if (noExecute && executeChangeSet != null) {
            throw new InvalidInputException("noExecute", "noExecute and executeChangeSet exclude each other");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("timeout", "timeout must be positive");
        }
        report = ReportFile.checked(report);
    }

    public static Builder builder(String stack) {
        return new Builder(stack);
    }

    /**
     * This request with its local files (template, paramsFile, tagsFile, stackPolicy, report) passed
     * through {@code resolver}, e.g. against a build's workspace; every other field as it is. It
     * calls the canonical constructor, so a field added to the record cannot be left out here.
     */
    public CfnDeployRequest withPathsResolved(UnaryOperator<String> resolver) {
        return new CfnDeployRequest(stack, resolved(resolver, template), params, resolved(resolver, paramsFile),
                keepParams, tags, resolved(resolver, tagsFile), capabilities, cfnRoleArn, notificationArns,
                terminationProtection, onFailure, disableRollback, rollbackAlarms, monitoringMinutes,
                resolved(resolver, stackPolicy), s3Bucket, s3Prefix, changeSetName, noExecute, executeChangeSet,
                failOnEmptyChangeset, replaceFailedStack, timeout, resolved(resolver, report));
    }

    private static String resolved(UnaryOperator<String> resolver, String path) {
        return path == null ? null : resolver.apply(path);
    }

    /** The template is an S3 location rather than a local file. */
    boolean templateIsUrl() {
        return template != null && (template.startsWith("https://") || template.startsWith("s3://"));
    }

    private static void checkArn(String field, String arn) {
        if (arn != null && !ARN.matcher(arn).matches()) {
            throw new InvalidInputException(field, "'" + arn + "' is not an ARN");
        }
    }

    private static Map<String, String> copy(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        map.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new InvalidInputException("params", "every parameter and tag needs a key and a value (got " + k + ")");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Optional fields with their defaults; {@link #build()} validates. */
    public static final class Builder {
        private final String stack;
        private String template;
        private Map<String, String> params = Map.of();
        private String paramsFile;
        private List<String> keepParams = List.of();
        private Map<String, String> tags = Map.of();
        private String tagsFile;
        private List<String> capabilities = List.of();
        private String cfnRoleArn;
        private List<String> notificationArns = List.of();
        private boolean terminationProtection;
        private String onFailure;
        private boolean disableRollback;
        private List<String> rollbackAlarms = List.of();
        private Integer monitoringMinutes;
        private String stackPolicy;
        private String s3Bucket;
        private String s3Prefix;
        private String changeSetName;
        private boolean noExecute;
        private String executeChangeSet;
        private boolean failOnEmptyChangeset;
        private boolean replaceFailedStack = true;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String report;

        private Builder(String stack) {
            this.stack = stack;
        }

        public Builder template(String v) { template = v; return this; }
        public Builder params(Map<String, String> v) { params = v; return this; }
        public Builder paramsFile(String v) { paramsFile = v; return this; }
        public Builder keepParams(List<String> v) { keepParams = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder tagsFile(String v) { tagsFile = v; return this; }
        public Builder capabilities(List<String> v) { capabilities = v; return this; }
        public Builder cfnRoleArn(String v) { cfnRoleArn = v; return this; }
        public Builder notificationArns(List<String> v) { notificationArns = v; return this; }
        public Builder terminationProtection(boolean v) { terminationProtection = v; return this; }
        public Builder onFailure(String v) { onFailure = v; return this; }
        public Builder disableRollback(boolean v) { disableRollback = v; return this; }
        public Builder rollbackAlarms(List<String> v) { rollbackAlarms = v; return this; }
        public Builder monitoringMinutes(Integer v) { monitoringMinutes = v; return this; }
        public Builder stackPolicy(String v) { stackPolicy = v; return this; }
        public Builder s3Bucket(String v) { s3Bucket = v; return this; }
        public Builder s3Prefix(String v) { s3Prefix = v; return this; }
        public Builder changeSetName(String v) { changeSetName = v; return this; }
        public Builder noExecute(boolean v) { noExecute = v; return this; }
        public Builder executeChangeSet(String v) { executeChangeSet = v; return this; }
        public Builder failOnEmptyChangeset(boolean v) { failOnEmptyChangeset = v; return this; }
        public Builder replaceFailedStack(boolean v) { replaceFailedStack = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder report(String v) { report = v; return this; }

        public CfnDeployRequest build() {
            return new CfnDeployRequest(stack, template, params, paramsFile, keepParams, tags, tagsFile,
                    capabilities, cfnRoleArn, notificationArns, terminationProtection, onFailure, disableRollback,
                    rollbackAlarms, monitoringMinutes, stackPolicy, s3Bucket, s3Prefix, changeSetName, noExecute,
                    executeChangeSet, failOnEmptyChangeset, replaceFailedStack, timeout, report);
        }
    }
}

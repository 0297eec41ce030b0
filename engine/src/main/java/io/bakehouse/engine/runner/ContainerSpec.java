package io.bakehouse.engine.runner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One runner container: the task definition that runs it and the scripts it may run.
 *
 * @param name           the name callers ask for, e.g. {@code packer}
 * @param taskDefinition task definition family, family:revision or ARN
 * @param containerName  the container in that task definition whose command is set
 * @param environment    plain environment variables added to the container
 * @param secrets        variable name → Secrets Manager or SSM parameter ARN; the task
 *                       definition injects them (ECS resolves them; they never pass through CI)
 * @param scripts        script name → rules
 */
public record ContainerSpec(String name, String taskDefinition, String containerName,
                            Map<String, String> environment, Map<String, String> secrets,
                            Map<String, ScriptRules> scripts) {

    private static final Pattern TASK_DEFINITION = Pattern.compile(
            "[A-Za-z0-9_-]{1,255}(:\\d+)?|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:task-definition/[A-Za-z0-9_-]{1,255}(:\\d+)?");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(secretsmanager|ssm):[a-z0-9-]+:\\d{12}:(secret:|parameter/)\\S+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ContainerSpec {
        String where = "containers." + name;
        if (name == null || !ConfigReader.NAME.matcher(name).matches()) {
            throw ConfigReader.invalid(where, "a container name is letters, digits, '.', '_' or '-'");
        }
        if (taskDefinition == null || !TASK_DEFINITION.matcher(taskDefinition).matches()) {
            throw ConfigReader.invalid(where + ".taskDefinition", "'" + taskDefinition
                    + "' is not a task definition family, family:revision or task definition ARN");
        }
        if (containerName == null || !ConfigReader.NAME.matcher(containerName).matches()) {
            throw ConfigReader.invalid(where + ".containerName", "the container's name in the task definition is required");
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        scripts = Collections.unmodifiableMap(new LinkedHashMap<>(scripts));
        environment.keySet().forEach(k -> checkEnvName(where + ".environment." + k, k));
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            checkEnvName(where + ".secrets." + s.getKey(), s.getKey());
            if (!SECRET_ARN.matcher(s.getValue()).matches()) {
                throw ConfigReader.invalid(where + ".secrets." + s.getKey(),
                        "must be a Secrets Manager secret ARN or an SSM parameter ARN (the value itself never goes in this file)");
            }
            if (environment.containsKey(s.getKey())) {
                throw ConfigReader.invalid(where + ".secrets." + s.getKey(), "is also a plain environment variable");
            }
        }
        if (scripts.isEmpty()) {
            throw ConfigReader.invalid(where + ".scripts", "a container needs at least one script");
        }
    }

    private static void checkEnvName(String key, String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw ConfigReader.invalid(key, "'" + name + "' is not an environment variable name");
        }
    }
}

package io.bakehouse.engine.runner;

import io.bakehouse.engine.Durations;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The deploy runner's configuration: where tasks run, how big they may be, and the
 * containers and scripts callers may ask for. Load it with {@link RunnerConfigLoader}.
 *
 * @param cluster         ECS cluster name or ARN
 * @param subnets         awsvpc subnets (at least one)
 * @param securityGroups  awsvpc security groups (at least one)
 * @param assignPublicIp  whether tasks get a public IP (needed in public subnets without NAT)
 * @param logGroup        the CloudWatch log group the task definitions' awslogs driver writes to
 * @param logStreamPrefix the awslogs stream prefix; streams are {@code prefix/container/task-id}
 * @param defaultCpu      task CPU units when the caller asks for none
 * @param defaultMemory   task memory (MiB) when the caller asks for none
 * @param maxCpu          the most CPU units a caller may ask for
 * @param maxMemory       the most memory (MiB) a caller may ask for
 * @param maxWaitTime     the longest a caller may wait for a task (and the default wait)
 * @param archive         where each job's full output is archived, or {@code null}
 * @param containers      container name → container
 */
public record RunnerConfig(String cluster, List<String> subnets, List<String> securityGroups, boolean assignPublicIp,
                           String logGroup, String logStreamPrefix, int defaultCpu, int defaultMemory,
                           int maxCpu, int maxMemory, Duration maxWaitTime, ArchiveLocation archive,
                           Map<String, ContainerSpec> containers) {

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(2);
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{1,32}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{1,32}");
    private static final Pattern LOG_GROUP = Pattern.compile("[A-Za-z0-9_/.#-]{1,512}");
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:cluster/[A-Za-z0-9_-]{1,255}");

    public RunnerConfig {
        if (cluster == null || !CLUSTER.matcher(cluster).matches()) {
            throw ConfigReader.invalid("cluster", "an ECS cluster name or ARN is required");
        }
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        checkIds("subnets", subnets, SUBNET, "subnet-0123456789abcdef0");
        checkIds("securityGroups", securityGroups, SECURITY_GROUP, "sg-0123456789abcdef0");
        if (logGroup == null || !LOG_GROUP.matcher(logGroup).matches()) {
            throw ConfigReader.invalid("logGroup", "a CloudWatch log group name is required");
        }
        if (logStreamPrefix == null || !ConfigReader.NAME.matcher(logStreamPrefix).matches()) {
            throw ConfigReader.invalid("logStreamPrefix", "the awslogs stream prefix of the task definitions is required");
        }
        FargateSizes.checkLimits(defaultCpu, defaultMemory, maxCpu, maxMemory);
        maxWaitTime = checkedMaxWait(maxWaitTime);
        containers = Collections.unmodifiableMap(new LinkedHashMap<>(containers));
        if (containers.isEmpty()) {
            throw ConfigReader.invalid("containers", "at least one container is required");
        }
    }

    /** {@code maxWaitTime}, or the default when it is {@code null}; refused outside 1s to 7 days. */
    static Duration checkedMaxWait(Duration maxWaitTime) {
        Duration wait = maxWaitTime == null ? DEFAULT_MAX_WAIT : maxWaitTime;
        if (wait.isNegative() || wait.isZero() || wait.compareTo(Duration.ofDays(7)) > 0) {
            throw ConfigReader.invalid("maxWaitTime", Durations.format(wait) + " is not between 1s and 7 days");
        }
        return wait;
    }

    private static void checkIds(String key, List<String> ids, Pattern form, String example) {
        if (ids.isEmpty()) {
            throw ConfigReader.invalid(key, "at least one is required (awsvpc networking)");
        }
        for (String id : ids) {
            if (!form.matcher(id).matches()) {
                throw ConfigReader.invalid(key, "'" + id + "' is not an ID such as " + example);
            }
        }
    }

    /** Containers, scripts and what each script accepts, for {@code describe-containers}. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ContainerSpec c : containers.values()) {
            out.put(c.name(), describeContainer(c.taskDefinition(), c.environment().keySet(), c.secrets().keySet(),
                    c.scripts()));
        }
        return describe(out, defaultCpu, defaultMemory, maxCpu, maxMemory, maxWaitTime);
    }

    /** One container as {@code describe-containers} shows it: the names of its variables, never their values. */
    static Map<String, Object> describeContainer(String taskDefinition, Collection<String> environment,
                                                 Collection<String> secrets, Map<String, ScriptRules> scripts) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("taskDefinition", taskDefinition);
        container.put("environment", List.copyOf(environment));
        container.put("secrets", List.copyOf(secrets));
        Map<String, Object> described = new LinkedHashMap<>();
        scripts.forEach((name, rules) -> described.put(name, rules.describe()));
        container.put("scripts", described);
        return container;
    }

    /** What {@code describe-containers} answers, from the containers {@link #describeContainer} described. */
    static Map<String, Object> describe(Map<String, Object> containers, int defaultCpu, int defaultMemory, int maxCpu,
                                        int maxMemory, Duration maxWaitTime) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("containers", containers);
        m.put("defaultCpu", defaultCpu);
        m.put("defaultMemory", defaultMemory);
        m.put("maxCpu", maxCpu);
        m.put("maxMemory", maxMemory);
        m.put("maxWaitTime", Durations.format(maxWaitTime));
        return m;
    }
}

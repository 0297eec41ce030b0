package io.bakehouse.engine.aws;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Resolves {@link AwsSettings} against an environment (a map, so every face and every test
 * says exactly which environment it means) following the AWS conventions: explicit settings
 * first, then {@code AWS_*} variables, then the profile files, then the SDK's default chain
 * (web identity, container and instance roles).
 */
public final class AwsEnvironment {

    /**
     * Where the external ID of {@code roleArn} comes from when none is given: a pipeline binds a
     * Secret text credential to this variable with {@code withCredentials}, so the ID reaches the
     * call without passing through the step's arguments or a command line.
     */
    public static final String EXTERNAL_ID_VARIABLE = "BAKEHOUSE_EXTERNAL_ID";

    private final Map<String, String> env;

    public AwsEnvironment(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment of this process. */
    public static AwsEnvironment system() {
        return new AwsEnvironment(System.getenv());
    }

    public String get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Everything needed to build clients; region, endpoint and credentials decided. The base
     * credentials assume {@code baseRole} (if any), then {@code roleArn} (if any).
     */
    public record Resolved(String region, URI endpoint, AwsCredentialsProvider baseCredentials,
                           RoleToAssume baseRole, String roleArn, String externalId, String roleSessionName,
                           boolean adaptiveRetries, int maxAttempts) {
    }

    public Resolved resolve(AwsSettings settings) {
        String profileName = firstNonNull(settings.profile(), get("AWS_PROFILE"));
        ProfileFile profiles = profileFiles();
        if (settings.profile() != null && profiles.profile(settings.profile()).isEmpty()) {
            throw new InvalidInputException("profile", "AWS profile '" + settings.profile()
                    + "' is not defined in " + profileFileNames(),
                    "define it with `aws configure --profile " + settings.profile() + "` or choose another");
        }
        String region = firstNonNull(settings.region(), get("AWS_REGION"), get("AWS_DEFAULT_REGION"),
                profileRegion(profiles, profileName == null ? "default" : profileName).orElse(null));
        if (region == null) {
            throw new InvalidInputException("region", "No AWS region given",
                    "pass --region (or the step's region parameter) or set AWS_REGION");
        }
        AwsSettings.validateRegion(region);
        String endpoint = endpointUrl(settings.endpointUrl());
        if (endpoint != null) {
            AwsSettings.validateEndpointUrl(endpoint);
        }
        String sessionName = firstNonNull(settings.roleSessionName(), "bakehouse-" + Instant.now().getEpochSecond());
        boolean adaptive = settings.adaptiveRetries() || "adaptive".equalsIgnoreCase(get("AWS_RETRY_MODE"));
        int maxAttempts = settings.maxAttempts() > 0 ? settings.maxAttempts() : maxAttemptsFromEnvironment();
        return new Resolved(region, endpoint == null ? null : URI.create(endpoint),
                baseCredentials(settings, profileName, profiles), settings.baseRole(),
                settings.roleArn(), externalId(settings), sessionName, adaptive, maxAttempts);
    }

    /** The endpoint URL given ({@code --endpoint-url}, a step's endpointUrl), else {@code AWS_ENDPOINT_URL}; {@code null}: AWS's own. */
    public String endpointUrl(String given) {
        return firstNonNull(given, get("AWS_ENDPOINT_URL"));
    }

    /** The external ID given, else {@value #EXTERNAL_ID_VARIABLE} when a role is assumed; none without a role. */
    private String externalId(AwsSettings settings) {
        if (settings.roleArn() == null) {
            return settings.externalId();
        }
        return firstNonNull(settings.externalId(), get(EXTERNAL_ID_VARIABLE));
    }

    private int maxAttemptsFromEnvironment() {
        String value = get("AWS_MAX_ATTEMPTS");
        if (value == null) {
            return 0;
        }
        try {
            return AwsSettings.defaults().withRetries(false, Integer.parseInt(value)).maxAttempts();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("maxAttempts", "AWS_MAX_ATTEMPTS='" + value + "' is not a number",
                    "set it to a number of attempts between 1 and 20");
        }
    }

    private AwsCredentialsProvider baseCredentials(AwsSettings settings, String profileName, ProfileFile profiles) {
        if (settings.credentials() != null) {
            return staticProvider(settings.credentials());
        }
        if (settings.profile() == null) {
            String key = get("AWS_ACCESS_KEY_ID");
            String secret = get("AWS_SECRET_ACCESS_KEY");
            if (key != null && secret != null) {
                return staticProvider(new StaticCredentials(key, secret, get("AWS_SESSION_TOKEN")));
            }
            if (key != null || secret != null) {
                throw BakehouseException.failure("Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set",
                        "set both, or neither to use a profile or role");
            }
        }
        if (profileName != null) {
            if (profiles.profile(profileName).isEmpty()) {
                throw new InvalidInputException("profile", "AWS profile '" + profileName + "' (from AWS_PROFILE)"
                        + " is not defined in " + profileFileNames(), "set AWS_PROFILE to a defined profile");
            }
            return ProfileCredentialsProvider.builder().profileFile(profiles).profileName(profileName).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    static AwsCredentialsProvider staticProvider(StaticCredentials c) {
        return StaticCredentialsProvider.create(c.sessionToken() == null
                ? AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())
                : AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private ProfileFile profileFiles() {
        ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
        for (ProfileFileRef ref : profileFileRefs()) {
            if (Files.isRegularFile(ref.path)) {
                aggregator.addFile(ProfileFile.builder().content(ref.path).type(ref.type).build());
            }
        }
        return aggregator.build();
    }

    private record ProfileFileRef(Path path, ProfileFile.Type type) {
    }

    private List<ProfileFileRef> profileFileRefs() {
        String home = firstNonNull(get("HOME"), System.getProperty("user.home"));
        List<ProfileFileRef> refs = new ArrayList<>();
        refs.add(new ProfileFileRef(path(get("AWS_CONFIG_FILE"), home, "config"), ProfileFile.Type.CONFIGURATION));
        refs.add(new ProfileFileRef(path(get("AWS_SHARED_CREDENTIALS_FILE"), home, "credentials"),
                ProfileFile.Type.CREDENTIALS));
        return refs;
    }

    private String profileFileNames() {
        List<String> names = new ArrayList<>();
        for (ProfileFileRef ref : profileFileRefs()) {
            names.add(ref.path.toString());
        }
        return String.join(" or ", names);
    }

    private static Path path(String explicit, String home, String file) {
        return explicit != null ? Paths.get(explicit) : Paths.get(home, ".aws", file);
    }

    private static Optional<String> profileRegion(ProfileFile profiles, String name) {
        return profiles.profile(name).flatMap(p -> p.property("region"));
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

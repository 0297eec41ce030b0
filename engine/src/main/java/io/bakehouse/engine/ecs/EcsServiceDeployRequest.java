package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.report.ReportFile;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What {@code ecsServiceDeploy} deploys: the service, and the new image of its main container
 * ({@code image}) or of named containers ({@code images}). Built with {@link #builder}; every field
 * is checked here, so a bad request fails before any AWS call.
 *
 * @param cluster            the cluster's name or ARN
 * @param service            the service's name or ARN
 * @param image              the new image of the service's main container (see {@link ImagePlan}), or {@code null}
 * @param images             container name → its new image; empty when {@code image} is given
 * @param timeout            the longest the whole deployment may take
 * @param maxFindings        scan limits for ECR images ({@link FindingLimits#NONE}: report only)
 * @param forceNewDeployment start a deployment even when the images already run (ECS pulls the tags again)
 * @param report             the HTML report to write when the deployment ends ({@link ReportFile}), or {@code null}
 */
public record EcsServiceDeployRequest(String cluster, String service, ImageReference image,
                                      Map<String, ImageReference> images, Duration timeout, FindingLimits maxFindings,
                                      boolean forceNewDeployment, String report) implements Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:[a-z-]+/.+");

    public EcsServiceDeployRequest {
        checkName("cluster", cluster, "a cluster");
        checkName("service", service, "a service");
        images = images == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(images));
        if (image == null && images.isEmpty()) {
            throw new InvalidInputException("image", "image (or images) is required",
                    "give the main container's new image, or images as CONTAINER=IMAGE for named containers");
        }
        if (image != null && !images.isEmpty()) {
            throw new InvalidInputException("images", "give image or images, not both",
                    "image is the main container's; name every container whose image changes in images");
        }
        images.forEach((container, ref) -> {
            if (container == null || !NAME.matcher(container).matches()) {
                throw new InvalidInputException("images", "container name '" + container + "' is not valid",
                        "a container name has up to 255 letters, digits, hyphens and underscores");
            }
            if (ref == null) {
                throw new InvalidInputException("images", "container " + container + " is given no image");
            }
        });
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("timeout", "timeout must be positive");
        }
        maxFindings = maxFindings == null ? FindingLimits.NONE : maxFindings;
        report = ReportFile.checked(report);
    }

    /**
     * This request with its report file passed through {@code resolver}, e.g. against a build's
     * workspace; every other field as it is.
     */
    public EcsServiceDeployRequest withPathsResolved(UnaryOperator<String> resolver) {
        return new EcsServiceDeployRequest(cluster, service, image, images, timeout, maxFindings, forceNewDeployment,
                report == null ? null : resolver.apply(report));
    }

    private static void checkName(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (!NAME.matcher(value).matches() && !ARN.matcher(value).matches()) {
            throw new InvalidInputException(field, field + " '" + value + "' is not " + what + " name or ARN",
                    "a name has up to 255 letters, digits, hyphens and underscores");
        }
    }

    public static Builder builder(String cluster, String service) {
        return new Builder(cluster, service);
    }

    /** The cluster's name (an ARN's last part), for messages. */
    String clusterName() {
        return cluster.substring(cluster.lastIndexOf('/') + 1);
    }

    /** The service's name (an ARN's last part), for messages. */
    String serviceName() {
        return service.substring(service.lastIndexOf('/') + 1);
    }

    /** Optional fields with their defaults; image references are read here, naming the parameter. */
    public static final class Builder {
        private final String cluster;
        private final String service;
        private ImageReference image;
        private final Map<String, ImageReference> images = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private FindingLimits maxFindings = FindingLimits.NONE;
        private boolean forceNewDeployment;
        private String report;

        private Builder(String cluster, String service) {
            this.cluster = cluster;
            this.service = service;
        }

        /** The main container's new image; {@code null} or blank for none. */
        public Builder image(String v) {
            image = v == null || v.isBlank() ? null : ImageReference.parse("image", v);
            return this;
        }

        /** Container name → new image. */
        public Builder images(Map<String, String> v) {
            images.clear();
            if (v != null) {
                v.forEach((container, ref) -> images.put(container,
                        ref == null ? null : ImageReference.parse("images", ref)));
            }
            return this;
        }

        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder maxFindings(FindingLimits v) { maxFindings = v; return this; }
        /** {@code SEVERITY=N[,SEVERITY=N...]} ({@link FindingLimits#parse}). */
        public Builder maxFindings(String v) { maxFindings = FindingLimits.parse(v); return this; }
        public Builder forceNewDeployment(boolean v) { forceNewDeployment = v; return this; }
        public Builder report(String v) { report = v; return this; }

        public EcsServiceDeployRequest build() {
            return new EcsServiceDeployRequest(cluster, service, image, images, timeout, maxFindings,
                    forceNewDeployment, report);
        }
    }
}

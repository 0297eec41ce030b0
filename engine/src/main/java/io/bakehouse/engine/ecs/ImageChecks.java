package io.bakehouse.engine.ecs;

import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.CancelledException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.TextTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/**
 * Checks the new images that live in a private ECR registry before anything changes: each must
 * exist, and its scan is printed as a table and held against {@code maxFindings}. With limits, a
 * scan still running is waited for; without, the scan is only reported. Images elsewhere are
 * checked for their syntax alone (when the request was read).
 */
final class ImageChecks {

    /** Scan states whose counts can be judged ({@code ACTIVE}: continuous enhanced scanning). */
    private static final Set<String> JUDGED = Set.of("COMPLETE", "ACTIVE");
    /** Scan states that end on their own. */
    private static final Set<String> RUNNING = Set.of("IN_PROGRESS", "PENDING");

    private ImageChecks() {
    }

    static void check(Rollout d, ImagePlan plan, FindingLimits limits) {
        Set<ImageReference> seen = new LinkedHashSet<>(plan.given().values());
        for (ImageReference ref : seen) {
            EcrImage ecr = ref.ecr().orElse(null);
            if (ecr == null) {
                d.reporter().detail("Image " + ref + " is not in a private ECR registry: not looked up");
                continue;
            }
            EcsServiceApi.PushedImage pushed = describe(d, plan.field(), ref, ecr);
            d.reporter().progress("ECR image " + ecr.label() + ": " + pushed.digest()
                    + (pushed.pushedAt() == null ? "" : ", pushed " + pushed.pushedAt()));
            EcsServiceApi.ScanReport scan = scan(d, ecr, limits);
            judge(d, ref, ecr, scan, limits);
        }
    }

    private static EcsServiceApi.PushedImage describe(Rollout d, String field, ImageReference ref, EcrImage ecr) {
        try {
            return d.api().describeImage(ecr);
        } catch (RepositoryNotFoundException e) {
            throw new InvalidInputException(field, "image " + ref + " does not exist: ECR repository "
                    + ecr.repository() + " does not exist in registry " + ecr.registryId() + " (" + ecr.region() + ")",
                    "check the repository's name, account and region");
        } catch (ImageNotFoundException e) {
            throw new InvalidInputException(field, "image " + ref + " does not exist: ECR repository "
                    + ecr.repository() + " has no image " + (ecr.digest() != null ? ecr.digest() : "tagged " + ecr.tag()),
                    "push the image first, or check the tag (aws ecr describe-images --repository-name "
                            + ecr.repository() + ")");
        } catch (SdkException e) {
            throw AwsErrors.translate("looking up ECR image " + ecr.label(), e);
        }
    }

    /** The image's scan, waited for while it runs when there are limits to judge; {@code null} when it has none. */
    private static EcsServiceApi.ScanReport scan(Rollout d, EcrImage ecr, FindingLimits limits) {
        Duration interval = d.schedule().first();
        boolean said = false;
        while (true) {
            EcsServiceApi.ScanReport report;
            try {
                report = d.api().scanFindings(ecr);
            } catch (ScanNotFoundException e) {
                return null;
            } catch (SdkException e) {
                throw AwsErrors.translate("reading the scan findings of ECR image " + ecr.label(), e);
            }
            if (limits.isEmpty() || !RUNNING.contains(report.status())) {
                return report;
            }
            if (!said) {
                d.reporter().progress("Waiting for the scan of " + ecr.label() + " to finish (" + report.status() + ")");
                said = true;
            }
            if (d.overdue()) {
                throw BakehouseException.failure("Timed out waiting for the scan of ECR image " + ecr.label()
                        + " (" + report.status() + "); nothing was changed", "raise timeout, or deploy once the scan is done");
            }
            Duration left = d.left();
            if (d.cancel().sleep(interval.compareTo(left) < 0 ? interval : left, "the scan of " + ecr.label())) {
                throw new CancelledException("Deployment was interrupted waiting for the scan of " + ecr.label()
                        + "; nothing was changed", null);
            }
            interval = d.schedule().idle(interval);
        }
    }

    private static void judge(Rollout d, ImageReference ref, EcrImage ecr, EcsServiceApi.ScanReport scan,
                              FindingLimits limits) {
        if (scan == null) {
            String says = "ECR image " + ecr.label() + " has not been scanned";
            if (!limits.isEmpty()) {
                throw new ScanRefusedException(ref.text(), List.of(), says + ", so maxFindings " + limits
                        + " cannot be checked; nothing was changed", scanHint(ecr));
            }
            d.reporter().warn(says + " (turn on scan on push for repository " + ecr.repository() + ")");
            return;
        }
        if (!JUDGED.contains(scan.status())) {
            String says = "The scan of ECR image " + ecr.label() + " is " + scan.status()
                    + (scan.description() == null ? "" : " (" + scan.description() + ")");
            if (!limits.isEmpty()) {
                throw new ScanRefusedException(ref.text(), List.of(), says + ", so maxFindings " + limits
                        + " cannot be checked; nothing was changed", scanHint(ecr));
            }
            d.reporter().warn(says);
            return;
        }
        d.reporter().progress("Scan of " + ecr.label() + " (" + scan.status() + "):");
        table(scan.counts(), limits).forEach(line -> d.reporter().progress("  " + line));
        List<String> exceeded = limits.exceeded(scan.counts());
        if (!exceeded.isEmpty()) {
            List<String> parts = new ArrayList<>();
            exceeded.forEach(s -> parts.add(scan.counts().get(s) + " " + s));
            throw new ScanRefusedException(ref.text(), exceeded, "Refused ECR image " + ecr.label() + ": its scan found "
                    + String.join(", ", parts) + " (maxFindings " + limits + "); nothing was changed",
                    "fix the findings and push a new image, or raise maxFindings knowingly");
        }
    }

    /** Severity, findings, allowed: a row for every severity found or limited, worst first. */
    static List<String> table(Map<String, Integer> counts, FindingLimits limits) {
        List<List<String>> rows = new ArrayList<>();
        for (String severity : FindingLimits.SEVERITIES) {
            Integer found = counts.get(severity);
            Integer allowed = limits.limits().get(severity);
            if ((found != null && found > 0) || allowed != null) {
                rows.add(java.util.Arrays.asList(severity, String.valueOf(found == null ? 0 : found),
                        allowed == null ? null : String.valueOf(allowed)));
            }
        }
        counts.keySet().stream().filter(s -> !FindingLimits.SEVERITIES.contains(s) && counts.get(s) > 0).sorted()
                .forEach(s -> rows.add(java.util.Arrays.asList(s, String.valueOf(counts.get(s)), null)));
        if (rows.isEmpty()) {
            return List.of("no findings");
        }
        return TextTable.render(List.of("Severity", "Findings", "Allowed"), rows);
    }

    private static String scanHint(EcrImage ecr) {
        return "turn on scan on push for repository " + ecr.repository() + ", or scan the image: aws ecr start-image-scan"
                + " --repository-name " + ecr.repository() + " --image-id "
                + (ecr.digest() != null ? "imageDigest=" + ecr.digest() : "imageTag=" + ecr.tag());
    }
}

package io.bakehouse.engine.ssm;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.Beside;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Publishes AMI IDs to an SSM parameter. Every check (the AMI exists and is available, the
 * parameter may be written) runs in every region before the first write, so bad input
 * leaves every parameter as it was.
 */
public final class AmiParameterPublisher {

    private final AwsClients clients;
    private final Reporter reporter;

    public AmiParameterPublisher(AwsClients clients, Reporter reporter) {
        this.clients = clients;
        this.reporter = reporter;
    }

    /** The state of the parameter in one region, read before anything is written. */
    private record Plan(String region, String amiId, AwsClients clients, Parameter existing) {

        boolean unchanged(boolean force) {
            return existing != null && existing.value().equals(amiId) && !force;
        }
    }

    public PublishAmiParamResult publish(PublishAmiParamRequest request) {
        List<Plan> plans = new ArrayList<>();
        for (Map.Entry<String, String> e : resolveRegions(request.amis()).entrySet()) {
            AwsClients regional = clients.forRegion(e.getKey());
            // Two independent reads: the parameter's value (on another thread) while the AMI is checked.
            CompletableFuture<Parameter> reading = Beside.start("bakehouse-ssm-read",
                    () -> read(regional.ssm(), request.name(), e.getKey()));
            if (!request.skipImageCheck()) {
                checkImage(regional, e.getKey(), e.getValue());
            }
            Plan plan = new Plan(e.getKey(), e.getValue(), regional, Beside.join(reading));
            checkWritable(request, plan);
            plans.add(plan);
        }
        List<PublishAmiParamResult.RegionResult> results = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (Plan plan : plans) {
            try {
                results.add(write(request, plan, written));
            } catch (BakehouseException e) {
                throw partlyWritten(request, written, e);
            }
        }
        return new PublishAmiParamResult(request.name(), results);
    }

    /**
     * A failure after some value was already written (a later region, or the tags or labels of
     * the written version): says what the parameter now holds, so nobody takes it for unchanged.
     */
    private static BakehouseException partlyWritten(PublishAmiParamRequest request, List<String> written,
                                                    BakehouseException e) {
        if (written.isEmpty()) {
            return e;
        }
        return new BakehouseException(e.kind(), e.getMessage() + "; " + request.name() + " was already written: "
                + String.join(", ", written),
                "publish the same AMI again to finish: a parameter that already holds it keeps its version and gets"
                        + " the tags and labels", e);
    }

    private Map<String, String> resolveRegions(Map<String, String> amis) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : amis.entrySet()) {
            String region = e.getKey() == null ? clients.region() : e.getKey();
            if (resolved.put(region, e.getValue()) != null) {
                throw BakehouseException.failure("Region " + region + " is given twice", null);
            }
        }
        return resolved;
    }

    private void checkImage(AwsClients regional, String region, String amiId) {
        reporter.progress("Checking that " + amiId + " exists in " + region);
        List<Image> images;
        try {
            images = regional.ec2().describeImages(r -> r.imageIds(amiId)).images();
        } catch (SdkException e) {
            String code = AwsErrors.code(e);
            if ("InvalidAMIID.NotFound".equals(code) || "InvalidAMIID.Unavailable".equals(code)) {
                images = List.of();
            } else if ("InvalidAMIID.Malformed".equals(code)) {
                throw BakehouseException.failure("EC2 says " + amiId + " is not a valid AMI ID", null, e);
            } else {
                throw AwsErrors.translate("looking up " + amiId + " in " + region, e);
            }
        }
        if (images.isEmpty()) {
            throw BakehouseException.failure("AMI " + amiId + " does not exist in " + region + "; nothing was written",
                    "check the AMI ID and region (an AMI copied to another region has another ID)");
        }
        Image image = images.get(0);
        String state = image.stateAsString();
        if (!"available".equals(state)) {
            throw BakehouseException.failure("AMI " + amiId + " in " + region + " is " + state
                    + ", not available; nothing was written",
                    "wait for the AMI to become available (or fix the failed bake) and publish again");
        }
        reporter.detail(amiId + " is available" + (image.name() == null ? "" : " (" + image.name() + ")"));
    }

    private static Parameter read(SsmClient ssm, String name, String region) {
        try {
            return ssm.getParameter(r -> r.name(name)).parameter();
        } catch (ParameterNotFoundException e) {
            return null;
        } catch (SdkException e) {
            throw AwsErrors.translate("reading SSM parameter " + name + " in " + region, e);
        }
    }

    private static void checkWritable(PublishAmiParamRequest request, Plan plan) {
        Parameter existing = plan.existing();
        if (existing == null) {
            return;
        }
        if (existing.type() != ParameterType.STRING) {
            throw BakehouseException.failure("SSM parameter " + request.name() + " in " + plan.region()
                    + " already exists as a " + existing.typeAsString() + "; an AMI ID needs a String parameter",
                    "choose another name, or delete the existing parameter first");
        }
        if (!request.overwrite() && !existing.value().equals(plan.amiId())) {
            throw BakehouseException.failure("SSM parameter " + request.name() + " in " + plan.region()
                    + " already exists (version " + existing.version() + ") and overwriting was not allowed;"
                    + " nothing was written", "publish without --no-overwrite (noOverwrite) to replace it");
        }
    }

    private PublishAmiParamResult.RegionResult write(PublishAmiParamRequest request, Plan plan, List<String> written) {
        SsmClient ssm = plan.clients().ssm();
        Parameter existing = plan.existing();
        String previous = existing == null ? null : existing.value();
        Long previousVersion = existing == null ? null : existing.version();
        long version;
        boolean changed;
        if (plan.unchanged(request.force())) {
            version = existing.version();
            changed = false;
            reporter.progress(request.name() + " in " + plan.region() + " already holds " + plan.amiId()
                    + " (version " + version + "); nothing changed");
        } else {
            version = put(ssm, request, plan);
            changed = true;
            written.add(plan.amiId() + " in " + plan.region() + " (version " + version + ")");
            reporter.progress("Wrote " + plan.amiId() + " to " + request.name() + " in " + plan.region()
                    + " (version " + version + (previous == null ? ", new parameter" : ", was " + previous) + ")");
        }
        if (existing != null && !request.tags().isEmpty()) {
            addTags(ssm, request, plan.region());
        }
        if (!request.labels().isEmpty()) {
            label(ssm, request, plan.region(), version);
        }
        return new PublishAmiParamResult.RegionResult(plan.region(), plan.amiId(), version, previous,
                previousVersion, changed, request.labels());
    }

    private static long put(SsmClient ssm, PublishAmiParamRequest request, Plan plan) {
        boolean exists = plan.existing() != null;
        PutParameterRequest.Builder put = PutParameterRequest.builder()
                .name(request.name())
                .value(plan.amiId())
                .type(ParameterType.STRING)
                .dataType(request.dataType())
                .overwrite(exists);
        if (request.description() != null) {
            put.description(request.description());
        }
        if (request.tier() != null) {
            put.tier(request.tier());
        }
        if (!exists && !request.tags().isEmpty()) {
            put.tags(tags(request.tags())); // SSM takes tags on create only; updates tag separately
        }
        try {
            return ssm.putParameter(put.build()).version();
        } catch (SdkException e) {
            throw AwsErrors.translate("writing SSM parameter " + request.name() + " in " + plan.region(), e);
        }
    }

    private static void addTags(SsmClient ssm, PublishAmiParamRequest request, String region) {
        try {
            ssm.addTagsToResource(AddTagsToResourceRequest.builder()
                    .resourceType(ResourceTypeForTagging.PARAMETER)
                    .resourceId(request.name())
                    .tags(tags(request.tags()))
                    .build());
        } catch (SdkException e) {
            throw AwsErrors.translate("tagging SSM parameter " + request.name() + " in " + region, e);
        }
    }

    private void label(SsmClient ssm, PublishAmiParamRequest request, String region, long version) {
        LabelParameterVersionResponse response;
        try {
            response = ssm.labelParameterVersion(r -> r.name(request.name()).parameterVersion(version)
                    .labels(request.labels()));
        } catch (SdkException e) {
            throw AwsErrors.translate("labelling version " + version + " of " + request.name() + " in " + region, e);
        }
        if (response.hasInvalidLabels() && !response.invalidLabels().isEmpty()) {
            throw BakehouseException.failure("SSM refused the labels " + response.invalidLabels() + " on version "
                    + version + " of " + request.name(), "labels must be unique per parameter version and follow SSM's rules");
        }
        reporter.detail("Labelled version " + version + " with " + String.join(", ", request.labels()));
    }

    private static List<Tag> tags(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        return list;
    }
}

package io.bakehouse.cli;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.site.PublishSiteRequest;
import io.bakehouse.engine.site.PublishSiteResult;
import io.bakehouse.engine.site.SitePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class PublishSiteCommand extends StepCommand {

    static final String NAME = "publish-site";

    @Override
    Model usage() {
        return Model.of(this, NAME,
                new String[] {"Publish a built static site to S3, incrementally, and invalidate CloudFront.",
                "Uploads only new and changed files (the others first, the HTML pages after them), then deletes"
                        + " what the site no longer has, then invalidates the changed paths and waits;"
                        + " Ctrl-C stops between files."},
                new String[] {"", "Example:",
                "  bakehouse publish-site --dir dist --bucket my-site --prefix www \\",
                "      --distribution-id E2QWRUHAPOMQZL \\",
                "      --cache-control '*.json=public, max-age=60' --output json",
                "", ExitCodes.TABLE});
    }

    @Override
    void declare(Model m) {
        m.option("--dir").label("DIR").description(Descriptions.PublishSite.DIR).required()
                .string(() -> dir, v -> dir = v);
        m.option("--bucket").label("BUCKET").description(Descriptions.PublishSite.BUCKET).required()
                .string(() -> bucket, v -> bucket = v);
        m.option("--prefix").label("PREFIX").description(Descriptions.PublishSite.PREFIX)
                .string(() -> prefix, v -> prefix = v);
        m.option("--distribution-id").label("ID").description(Descriptions.PublishSite.DISTRIBUTION_ID)
                .string(() -> distributionId, v -> distributionId = v);
        m.option("--delete").description(Descriptions.PublishSite.DELETE).negatableOn(() -> delete, v -> delete = v);
        m.option("--cache-control").label("GLOB=VALUE").description(Descriptions.PublishSite.CACHE_CONTROL)
                .map(() -> cacheControl, v -> cacheControl = v);
        m.option("--invalidate").label("WHAT").description(Descriptions.PublishSite.INVALIDATE)
                .list(() -> invalidate, v -> invalidate = v);
        m.option("--wait").description(Descriptions.PublishSite.WAIT)
                .negatableOn(() -> waitForInvalidation, v -> waitForInvalidation = v);
        m.option("--dry-run").description(Descriptions.PublishSite.DRY_RUN).flag(() -> dryRun, v -> dryRun = v);
        m.option("--allow-empty").description(Descriptions.PublishSite.ALLOW_EMPTY)
                .flag(() -> allowEmpty, v -> allowEmpty = v);
    }

    /** How long Ctrl-C waits for the uploads in flight to finish and the outcome to be printed. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(90);

    String dir;

    String bucket;

    String prefix;

    String distributionId;

    boolean delete;

    Map<String, String> cacheControl = new LinkedHashMap<>();

    List<String> invalidate = new ArrayList<>();

    boolean waitForInvalidation;

    boolean dryRun;

    boolean allowEmpty;

    @Override
    int execute(CliContext context, AwsClients clients, Reporter reporter) {
        PublishSiteRequest request = PublishSiteRequest.builder(dir, bucket).prefix(prefix)
                .distributionId(distributionId).delete(delete).cacheControl(cacheControl).invalidate(invalidate)
                .waitForInvalidation(waitForInvalidation).dryRun(dryRun).allowEmpty(allowEmpty).build();
        SitePublisher publisher = new SitePublisher(clients, reporter);
        PublishSiteResult result = OnSignal.cancelling(context, "bakehouse-publish-site-cancel",
                () -> publisher.cancel("interrupted (Ctrl-C or SIGTERM)"), SHUTDOWN_WAIT,
                () -> publisher.publish(request));
        return print(context, result, summary(result));
    }

    static String summary(PublishSiteResult r) {
        String site = "s3://" + r.bucket() + "/" + r.prefix();
        if (r.dryRun()) {
            return site + " (dry run): would upload " + r.uploaded() + " (" + r.bytes() + " bytes), keep " + r.unchanged()
                    + " unchanged, delete " + r.deleted() + (r.paths().isEmpty() ? "" : ", invalidate " + String.join(" ", r.paths()));
        }
        return site + ": " + r.uploaded() + " uploaded (" + r.bytes() + " bytes), " + r.unchanged() + " unchanged, "
                + r.deleted() + " deleted" + (r.invalidationId() == null ? ""
                : "; invalidation " + r.invalidationId() + ": " + String.join(" ", r.paths()));
    }
}

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "publish-site",
        addMethodSubcommands = false, // no method is a subcommand: picocli need not scan them
        description = {"Publish a built static site to S3, incrementally, and invalidate CloudFront.",
                "Uploads only new and changed files (the others first, the HTML pages after them), then deletes"
                        + " what the site no longer has, then invalidates the changed paths and waits;"
                        + " Ctrl-C stops between files."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footer = {"", "Example:",
                "  bakehouse publish-site --dir dist --bucket my-site --prefix www \\",
                "      --distribution-id E2QWRUHAPOMQZL \\",
                "      --cache-control '*.json=public, max-age=60' --output json",
                "", ExitCodes.TABLE})
final class PublishSiteCommand extends StepCommand {

    /** How long Ctrl-C waits for the uploads in flight to finish and the outcome to be printed. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(90);

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = Descriptions.PublishSite.DIR)
    String dir;

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = Descriptions.PublishSite.BUCKET)
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = Descriptions.PublishSite.PREFIX)
    String prefix;

    @Option(names = "--distribution-id", paramLabel = "ID", description = Descriptions.PublishSite.DISTRIBUTION_ID)
    String distributionId;

    @Option(names = "--delete", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = Descriptions.PublishSite.DELETE)
    boolean delete;

    @Option(names = "--cache-control", paramLabel = "GLOB=VALUE", description = Descriptions.PublishSite.CACHE_CONTROL)
    Map<String, String> cacheControl = new LinkedHashMap<>();

    @Option(names = "--invalidate", paramLabel = "WHAT", description = Descriptions.PublishSite.INVALIDATE)
    List<String> invalidate = new ArrayList<>();

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = Descriptions.PublishSite.WAIT)
    boolean waitForInvalidation;

    @Option(names = "--dry-run", description = Descriptions.PublishSite.DRY_RUN)
    boolean dryRun;

    @Option(names = "--allow-empty", description = Descriptions.PublishSite.ALLOW_EMPTY)
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

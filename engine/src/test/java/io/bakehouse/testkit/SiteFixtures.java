package io.bakehouse.testkit;

import io.bakehouse.engine.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Static sites, buckets and CloudFront distributions for the publish-site tests, in moto. */
public final class SiteFixtures {

    /** AWS's managed cache policy for static content. */
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

    private SiteFixtures() {
    }

    /** A small built site: two pages, a hashed script and stylesheet, an unhashed icon and robots.txt. */
    public static Map<String, String> sampleSite() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.html", "<!doctype html><title>Home</title><script src=\"/assets/app.3f9a1c2b.js\"></script>");
        files.put("about/index.html", "<!doctype html><title>About</title>");
        files.put("assets/app.3f9a1c2b.js", "console.log('v1');");
        files.put("assets/site.5e6f7a8b.css", "body { margin: 0 }");
        files.put("favicon.ico", "icon-v1");
        files.put("robots.txt", "User-agent: *\n");
        return files;
    }

    /** Writes {@code files} (relative path to content) into {@code dir}, creating folders. */
    public static Path write(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void createBucket(AwsClients clients, String bucket) {
        clients.s3().createBucket(r -> r.bucket(bucket));
    }

    /**
     * Creates a distribution whose one origin is {@code bucket}'s S3 endpoint with {@code originPath}
     * ({@code ""} for none); returns its ID.
     */
    public static String createDistribution(AwsClients clients, String bucket, String originPath) {
        return createDistribution(clients, Map.of(bucket + ".s3.amazonaws.com", originPath));
    }

    /** Creates a distribution with one S3 origin per entry (domain name to origin path); returns its ID. */
    public static String createDistribution(AwsClients clients, Map<String, String> domainToOriginPath) {
        List<Origin> origins = new ArrayList<>();
        domainToOriginPath.forEach((domain, path) -> origins.add(Origin.builder().id("origin-" + origins.size())
                .domainName(domain).originPath(path).s3OriginConfig(s -> s.originAccessIdentity("")).build()));
        return clients.cloudFront().createDistribution(r -> r.distributionConfig(c -> c
                .callerReference("test-" + UUID.randomUUID())
                .comment("site")
                .enabled(true)
                .defaultRootObject("index.html")
                .origins(o -> o.quantity(origins.size()).items(origins))
                .defaultCacheBehavior(b -> b.targetOriginId("origin-0")
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicyId(CACHING_OPTIMIZED))))
                .distribution().id();
    }

    /** Every object of {@code bucket} (key to content), read back. */
    public static Map<String, String> objects(AwsClients clients, String bucket) {
        Map<String, String> objects = new LinkedHashMap<>();
        for (S3Object o : clients.s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            objects.put(o.key(), clients.s3().getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asUtf8String());
        }
        return objects;
    }
}

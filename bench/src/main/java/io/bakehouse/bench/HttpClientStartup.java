package io.bakehouse.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One cold start: builds an SSM client on the chosen HTTP client and makes one call, then
 * prints how long the JVM had been running (milliseconds). bench/http-client-startup.sh runs
 * it in fresh JVMs and reports medians.
 */
public final class HttpClientStartup {

    private HttpClientStartup() {
    }

    @SuppressWarnings("deprecation") // the Apache 4 client: SDK 2.59 deprecates it for apache5, measured beside it
    public static void main(String[] args) {
        String client = args[0];
        URI endpoint = URI.create(args[1]);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
        long before = uptime();
        if (client.equals("netty")) {
            SdkAsyncHttpClient http = NettyNioAsyncHttpClient.create();
            try (SsmAsyncClient ssm = SsmAsyncClient.builder().httpClient(http).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).endpointOverride(endpoint).build()) {
                ssm.describeParameters().join();
            }
        } else {
            SdkHttpClient http = switch (client) {
                case "urlconnection" -> UrlConnectionHttpClient.create();
                case "apache" -> ApacheHttpClient.create();
                case "apache5" -> Apache5HttpClient.create();
                default -> throw new IllegalArgumentException("client must be urlconnection, apache, apache5 or netty");
            };
            try (SsmClient ssm = SsmClient.builder().httpClient(http).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).endpointOverride(endpoint).build()) {
                ssm.describeParameters();
            }
        }
        long after = uptime();
        System.out.println(after + " " + (after - before));
    }

    private static long uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}

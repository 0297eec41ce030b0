package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class PublishSiteVarTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void call_everyParameter_rendersEachAsItsCliOption() {
        Map<String, Object> cacheControl = new LinkedHashMap<>();
        cacheControl.put("*.json", "public, max-age=60");
        cacheControl.put("assets/**", "public, max-age=31536000, immutable");
        library.call("publishSite", args("dir", "dist", "bucket", "app-site", "prefix", "www",
                "distributionId", "E2QWRUHAPOMQZL", "delete", false, "cacheControl", cacheControl,
                "invalidate", List.of("/index.html", "/docs/*"), "wait", false, "dryRun", true, "allowEmpty", true,
                "region", "eu-west-1", "endpointUrl", "http://127.0.0.1:1"));
        assertEquals(List.of("publish-site", "--dir", "dist", "--bucket", "app-site", "--prefix", "www",
                "--distribution-id", "E2QWRUHAPOMQZL", "--no-delete",
                "--cache-control", "*.json=public, max-age=60",
                "--cache-control", "assets/**=public, max-age=31536000, immutable",
                "--invalidate", "/index.html", "--invalidate", "/docs/*", "--no-wait", "--dry-run", "--allow-empty",
                "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:1", "--output", "json"),
                library.cli().onlyCall());
    }

    @Test
    public void call_trueByDefaultOptionsGivenTrue_renderNothing_asTheDefaultsDo() {
        library.call("publishSite", args("dir", "dist", "bucket", "app-site", "delete", true, "wait", true,
                "dryRun", false, "invalidate", List.of()));
        assertEquals(List.of("publish-site", "--dir", "dist", "--bucket", "app-site", "--output", "json"),
                library.cli().onlyCall());
    }

    @Test
    public void call_success_returnsTheResultMap() {
        library.cli().respond("publish-site", "{\"bucket\":\"app-site\",\"prefix\":\"www/\",\"uploaded\":2,"
                + "\"unchanged\":5,\"deleted\":1,\"bytes\":2048,\"invalidationId\":\"I2J0I21PCUYOIK\","
                + "\"paths\":[\"/index.html\"],\"dryRun\":false}\n");
        Object result = library.call("publishSite", args("dir", "dist", "bucket", "app-site", "prefix", "www"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("bucket", "app-site");
        expected.put("prefix", "www/");
        expected.put("uploaded", 2);
        expected.put("unchanged", 5);
        expected.put("deleted", 1);
        expected.put("bytes", 2048);
        expected.put("invalidationId", "I2J0I21PCUYOIK");
        expected.put("paths", List.of("/index.html"));
        expected.put("dryRun", false);
        assertEquals(expected, result);
    }

    @Test
    public void call_missingBucket_failsWithoutRunningTheCli() {
        assertTrue(library.failure("publishSite", args("dir", "dist"))
                .startsWith("publishSite: missing required parameter 'bucket'"));
        assertEquals(List.of(), library.cli().calls());
    }

    @Test
    public void call_waitNotABoolean_failsNamingIt() {
        String message = library.failure("publishSite", args("dir", "dist", "bucket", "b1", "wait", "no"));
        assertTrue(message, message.contains("'wait'") && message.contains("boolean"));
    }

    @Test
    public void call_cacheControlNotAMap_failsNamingIt() {
        String message = library.failure("publishSite", args("dir", "dist", "bucket", "b1",
                "cacheControl", Arrays.asList("*.html", "no-cache")));
        assertTrue(message, message.contains("'cacheControl'"));
    }

    @Test
    public void call_interrupted_failsSayingTheCliWasInterrupted() {
        library.cli().exitWith("publish-site", 130);
        String message = library.cliFailure("publishSite", args("dir", "dist", "bucket", "app-site"));
        assertTrue(message, message.startsWith("publishSite: was interrupted (bakehouse exit code 130)"));
    }
}

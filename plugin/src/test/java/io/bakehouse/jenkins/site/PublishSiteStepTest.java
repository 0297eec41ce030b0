package io.bakehouse.jenkins.site;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.engine.site.PublishSiteRequest;
import io.bakehouse.jenkins.ContractParameters;
import io.bakehouse.jenkins.StepErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Step parameters → engine request, and the words a wrong parameter gets (docs/steps.md, publishSite). */
public class PublishSiteStepTest {

    private static String failure(PublishSiteStep step) {
        InvalidInputException e = assertThrows(InvalidInputException.class, step::toRequest);
        return StepErrors.describe(PublishSiteStep.FUNCTION_NAME, e, new Secrets());
    }

    @Test
    public void toRequest_onlyRequiredParameters_givesTheEngineDefaults() {
        PublishSiteRequest request = new PublishSiteStep("dist", "app-site").toRequest();
        assertEquals(PublishSiteRequest.builder("dist", "app-site").build(), request);
        assertEquals("", request.prefix());
        assertNull(request.distributionId());
        assertTrue(request.delete());
        assertTrue(request.waitForInvalidation());
        assertFalse(request.dryRun());
        assertFalse(request.allowEmpty());
    }

    @Test
    public void toRequest_everyParameter_mapsToTheRequest_waitToWaitForInvalidation() {
        PublishSiteStep step = new PublishSiteStep("build/site", "app-site");
        step.setPrefix("/www/");
        step.setDistributionId("E2QWRUHAPOMQZL");
        step.setDelete(false);
        Map<String, Object> cacheControl = new LinkedHashMap<>();
        cacheControl.put("*.json", "public, max-age=60");
        cacheControl.put("assets/**", new StringBuilder("no-store")); // a GString arrives as a CharSequence
        step.setCacheControl(cacheControl);
        step.setInvalidate(List.of("/index.html", "/docs/*"));
        step.setWait(false);
        step.setDryRun(true);
        step.setAllowEmpty(true);

        PublishSiteRequest request = step.toRequest();

        assertEquals("build/site", request.dir());
        assertEquals("app-site", request.bucket());
        assertEquals("www/", request.prefix());
        assertEquals("E2QWRUHAPOMQZL", request.distributionId());
        assertFalse(request.delete());
        assertEquals(List.of("*.json", "assets/**"), List.copyOf(request.cacheControl().keySet()));
        assertEquals("no-store", request.cacheControl().get("assets/**"));
        assertEquals(List.of("/index.html", "/docs/*"), request.invalidate());
        assertFalse(request.waitForInvalidation());
        assertTrue(request.dryRun());
        assertTrue(request.allowEmpty());
    }

    @Test
    public void setters_blankTextIsNotGiven() {
        PublishSiteStep step = new PublishSiteStep("dist", "app-site");
        step.setPrefix(" ");
        step.setDistributionId("");
        assertNull(step.getPrefix());
        assertNull(step.getDistributionId());
        assertEquals("", step.toRequest().prefix());
    }

    @Test
    public void toRequest_missingDir_namesIt() {
        assertEquals("dir", assertThrows(InvalidInputException.class,
                () -> new PublishSiteStep(" ", "app-site").toRequest()).field());
    }

    @Test
    public void toRequest_s3UrlAsBucket_saysToSplitItIntoBucketAndPrefix() {
        String message = failure(new PublishSiteStep("dist", "s3://app-site/www"));
        assertTrue(message, message.startsWith("publishSite: bucket 's3://app-site/www' is an S3 URL"));
        assertTrue(message, message.contains("prefix www"));
    }

    @Test
    public void toRequest_prefixLeavingTheSite_isRefused() {
        PublishSiteStep step = new PublishSiteStep("dist", "app-site");
        step.setPrefix("www/../other");
        assertEquals("prefix", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_invalidatePathsWithoutADistribution_namesInvalidate() {
        PublishSiteStep step = new PublishSiteStep("dist", "app-site");
        step.setInvalidate(List.of("/index.html"));
        String message = failure(step);
        assertTrue(message, message.contains("invalidate needs a distributionId"));
    }

    @Test
    public void toRequest_badDistributionId_namesIt() {
        PublishSiteStep step = new PublishSiteStep("dist", "app-site");
        step.setDistributionId("d111111abcdef8.cloudfront.net");
        assertEquals("distributionId", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void getters_returnWhatWasSet_forTheSnippetGenerator() {
        PublishSiteStep step = new PublishSiteStep("dist", "app-site");
        assertTrue(step.isDelete());
        assertTrue(step.isWait());
        step.setWait(false);
        step.setInvalidate(List.of("all"));
        assertFalse(step.isWait());
        assertEquals(List.of("all"), step.getInvalidate());
        assertEquals("dist", step.getDir());
        assertEquals("app-site", step.getBucket());
    }

    @Test
    public void parameters_areExactlyThoseOfTheStepContract() {
        assertEquals(ContractParameters.jenkins(PublishSiteStep.FUNCTION_NAME),
                ContractParameters.dataBound(PublishSiteStep.class));
    }
}

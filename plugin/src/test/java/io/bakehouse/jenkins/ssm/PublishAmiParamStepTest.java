package io.bakehouse.jenkins.ssm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.Secrets;
import io.bakehouse.engine.ssm.PublishAmiParamRequest;
import io.bakehouse.jenkins.AwsOptions;
import io.bakehouse.jenkins.ContractParameters;
import io.bakehouse.jenkins.StepErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Step parameters → engine request, and the words a wrong parameter gets (docs/steps.md, publishAmiParam). */
public class PublishAmiParamStepTest {

    private static final String NAME = "/DeploymentConfig/dev/App/AmiId";
    private static final String AMI = "ami-0123456789abcdef0";

    private static PublishAmiParamStep step() {
        PublishAmiParamStep step = new PublishAmiParamStep(NAME);
        step.setAmiId(AMI);
        return step;
    }

    private static String failure(PublishAmiParamStep step) {
        InvalidInputException e = assertThrows(InvalidInputException.class, step::toRequest);
        return StepErrors.describe(PublishAmiParamStep.FUNCTION_NAME, e, new Secrets());
    }

    @Test
    public void toRequest_onlyRequiredParameters_givesTheEngineDefaults() {
        PublishAmiParamRequest request = step().toRequest();
        assertEquals(PublishAmiParamRequest.of(NAME, AMI), request);
        assertEquals("aws:ec2:image", request.dataType());
        assertTrue(request.overwrite());
    }

    @Test
    public void toRequest_everyParameter_mapsToTheRequest() {
        PublishAmiParamStep step = step();
        step.setDescription("the app's AMI");
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("team", "web");
        tags.put("build", 42);
        step.setTags(tags);
        step.setTier("Advanced");
        step.setDataType("text");
        step.setLabels(List.of("build-42", "sha-1a2b3c"));
        step.setNoOverwrite(true);
        step.setSkipImageCheck(true);
        step.setForce(true);
        PublishAmiParamRequest request = step.toRequest();
        assertEquals(NAME, request.name());
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put(null, AMI);
        assertEquals(amis, request.amis());
        assertEquals("the app's AMI", request.description());
        assertEquals(Map.of("team", "web", "build", "42"), request.tags());
        assertEquals("Advanced", request.tier());
        assertEquals("text", request.dataType());
        assertEquals(List.of("build-42", "sha-1a2b3c"), request.labels());
        assertFalse(request.overwrite());
        assertTrue(request.skipImageCheck());
        assertTrue(request.force());
    }

    @Test
    public void toRequest_amisMap_publishesOneAmiPerRegionInOrder() {
        PublishAmiParamStep step = new PublishAmiParamStep(NAME);
        Map<String, Object> amis = new LinkedHashMap<>();
        amis.put("us-east-1", AMI);
        amis.put("eu-west-1", "ami-0fedcba9876543210");
        step.setAmis(amis);
        assertEquals(List.of("us-east-1", "eu-west-1"), new ArrayList<>(step.toRequest().amis().keySet()));
        assertEquals("ami-0fedcba9876543210", step.toRequest().amis().get("eu-west-1"));
    }

    @Test
    public void commonParameters_mapToTheAwsOptions() {
        PublishAmiParamStep step = step();
        step.setRegion("us-west-2");
        step.setRoleArn("arn:aws:iam::123456789012:role/deployer");
        step.setExternalId("ext");
        step.setRoleSessionName("build-7");
        step.setEndpointUrl("http://127.0.0.1:5000");
        step.setCredentialsId("aws-keys");
        assertEquals(new AwsOptions("us-west-2", "arn:aws:iam::123456789012:role/deployer", "ext", "build-7",
                "http://127.0.0.1:5000", "aws-keys"), step.awsOptions());
    }

    @Test
    public void setters_blankText_meansNotGiven() {
        PublishAmiParamStep step = step();
        step.setRegion(" ");
        step.setDescription("");
        step.setTier(" ");
        assertNull(step.getRegion());
        assertNull(step.toRequest().description());
        assertNull(step.toRequest().tier());
    }

    @Test
    public void getters_returnWhatWasSet_forTheSnippetGenerator() {
        PublishAmiParamStep step = step();
        step.setLabels(List.of("a"));
        step.setForce(true);
        assertEquals(NAME, step.getName());
        assertEquals(AMI, step.getAmiId());
        assertEquals(List.of("a"), step.getLabels());
        assertTrue(step.isForce());
        assertFalse(step.isNoOverwrite());
    }

    @Test
    public void toRequest_noAmi_saysAmiIdIsRequired() {
        assertEquals("publishAmiParam: amiId (or amis) is required", failure(new PublishAmiParamStep(NAME)));
    }

    @Test
    public void toRequest_noName_saysNameIsRequired() {
        PublishAmiParamStep step = new PublishAmiParamStep(null);
        step.setAmiId(AMI);
        assertTrue(failure(step), failure(step).startsWith("publishAmiParam: "));
        assertEquals("name", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_amiIdAndAmis_saysGiveOne() {
        PublishAmiParamStep step = step();
        step.setAmis(Map.of("us-east-1", AMI));
        assertEquals("publishAmiParam: give amiId or amis, not both"
                + " (use amiId for one region, amis (region to AMI) for several)", failure(step));
    }

    @Test
    public void toRequest_amisEntryWithoutRegion_namesAmis() {
        PublishAmiParamStep step = new PublishAmiParamStep(NAME);
        Map<String, Object> amis = new LinkedHashMap<>();
        amis.put(" ", AMI);
        step.setAmis(amis);
        assertEquals("amis", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_notAnAmiId_namesAmiId() {
        PublishAmiParamStep step = new PublishAmiParamStep(NAME);
        step.setAmiId("ubuntu-latest");
        InvalidInputException e = assertThrows(InvalidInputException.class, step::toRequest);
        assertEquals("amiId", e.field());
    }

    @Test
    public void toRequest_unknownTier_listsTheTiers() {
        PublishAmiParamStep step = step();
        step.setTier("Premium");
        assertEquals("publishAmiParam: tier 'Premium' is not one of [Advanced, Intelligent-Tiering, Standard]",
                failure(step));
    }

    @Test
    public void toRequest_unknownDataType_namesDataType() {
        PublishAmiParamStep step = step();
        step.setDataType("string");
        assertEquals("dataType", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_tooManyLabels_namesLabels() {
        PublishAmiParamStep step = step();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            labels.add("l" + i);
        }
        step.setLabels(labels);
        assertEquals("labels", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    public void toRequest_nullTagValue_namesTags() {
        PublishAmiParamStep step = step();
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("team", null);
        step.setTags(tags);
        assertEquals("tags", assertThrows(InvalidInputException.class, step::toRequest).field());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void toRequest_groovyTextKeysAndValues_areReadAsStrings() {
        PublishAmiParamStep step = new PublishAmiParamStep(NAME);
        Map raw = new LinkedHashMap();
        raw.put(new StringBuilder("us-east-1"), new StringBuilder(AMI)); // as a GString arrives: a CharSequence
        step.setAmis(raw);
        assertEquals(AMI, step.toRequest().amis().get("us-east-1"));
    }

    @Test
    public void parameters_areExactlyThoseOfTheStepContract() {
        assertEquals(ContractParameters.jenkins(PublishAmiParamStep.FUNCTION_NAME), ContractParameters.dataBound(PublishAmiParamStep.class));
    }
}

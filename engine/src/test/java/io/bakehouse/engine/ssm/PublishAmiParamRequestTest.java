package io.bakehouse.engine.ssm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PublishAmiParamRequestTest {

    private static final String NAME = "/DeploymentConfig/dev/App/AmiId";
    private static final String AMI = "ami-0123456789abcdef0";

    private static Map<String, String> one(String ami) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(null, ami);
        return m;
    }

    @Test
    public void defaults_areImageDataTypeAndOverwrite() {
        PublishAmiParamRequest r = PublishAmiParamRequest.of(NAME, AMI);

        assertEquals("aws:ec2:image", r.dataType());
        assertTrue(r.overwrite());
        assertEquals(List.of(), r.labels());
    }

    @Test
    public void invalidFields_areRejectedNamingTheField() {
        assertField("amiId", () -> PublishAmiParamRequest.of(NAME, "ami-nope"));
        assertField("amiId", () -> new PublishAmiParamRequest(NAME, Map.of(), null, null, null, null, null, true, false, false));
        assertField("tier", () -> new PublishAmiParamRequest(NAME, one(AMI), null, null, "Gold", null, null, true, false, false));
        assertField("dataType", () -> new PublishAmiParamRequest(NAME, one(AMI), null, null, null, "json", null, true, false, false));
        assertField("labels", () -> new PublishAmiParamRequest(NAME, one(AMI), null, null, null, null,
                Collections.nCopies(11, "x"), true, false, false));
        assertField("tags", () -> new PublishAmiParamRequest(NAME, one(AMI), null, Map.of("", "v"), null, null, null,
                true, false, false));
        assertField("description", () -> new PublishAmiParamRequest(NAME, one(AMI), "d".repeat(1025), null, null, null,
                null, true, false, false));
    }

    @Test
    public void parseAmis_acceptsEqualsAndPackerColonPairs() {
        Map<String, String> amis = PublishAmiParamRequest.parseAmis("us-east-1=ami-11111111, eu-west-1:ami-22222222");

        assertEquals(List.of("us-east-1", "eu-west-1"), List.copyOf(amis.keySet()));
        assertEquals("ami-22222222", amis.get("eu-west-1"));
    }

    @Test
    public void parseAmis_rejectsMalformedAndDuplicatePairs() {
        assertField("amis", () -> PublishAmiParamRequest.parseAmis("us-east-1"));
        assertField("amis", () -> PublishAmiParamRequest.parseAmis("us-east-1=ami-11111111,us-east-1=ami-22222222"));
        assertField("amis", () -> PublishAmiParamRequest.parseAmis("=ami-11111111"));
    }

    private static void assertField(String field, org.junit.function.ThrowingRunnable r) {
        assertEquals(field, assertThrows(InvalidInputException.class, r).field());
    }
}

package io.bakehouse.jenkins.ssm;

import static org.junit.Assert.assertEquals;

import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.ssm.PublishAmiParamRequest;
import io.bakehouse.engine.ssm.PublishAmiParamResult;
import io.bakehouse.jenkins.Serialization;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.MotoServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PublishAmiParamTaskTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder workspace = new TemporaryFolder();

    @Test
    public void serialisation_roundTrip_keepsTheWholeRequest() {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put("us-east-1", "ami-0123456789abcdef0");
        amis.put("eu-west-1", "ami-0fedcba9876543210");
        PublishAmiParamRequest request = new PublishAmiParamRequest("/app/ami", amis, "the app", Map.of("team", "web"),
                "Standard", "text", List.of("build-7"), false, true, true);
        PublishAmiParamTask task = new PublishAmiParamTask(request);
        assertEquals(task, Serialization.roundTrip(task));
    }

    @Test
    public void run_publishesThroughTheEngine() throws Exception {
        MOTO.reset();
        String amiId = AwsFixtures.createAmi(MOTO.clients(), "app");
        PublishAmiParamResult result = new PublishAmiParamTask(PublishAmiParamRequest.of("/app/ami", amiId))
                .run(MOTO.clients(), Reporter.SILENT, workspace.getRoot());
        assertEquals(amiId, result.primary().amiId());
        assertEquals(amiId, MOTO.clients().ssm().getParameter(r -> r.name("/app/ami")).parameter().value());
    }
}

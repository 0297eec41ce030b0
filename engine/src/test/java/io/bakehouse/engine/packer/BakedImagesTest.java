package io.bakehouse.engine.packer;

import io.bakehouse.testkit.RecordingReporter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.MotoServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

public class BakedImagesTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private final RecordingReporter reporter = new RecordingReporter();
    private AwsClients clients;
    private BakedImages images;

    @Before
    public void setUp() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
        images = new BakedImages(clients, reporter);
    }

    @Test
    public void find_noAmiWithKey_empty() {
        AwsFixtures.createAmi(clients, "untagged");

        assertTrue(images.find("k1").isEmpty());
    }

    @Test
    public void tagThenFind_everyRegionOfTheBake() {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put("us-east-1", AwsFixtures.createAmi(clients, "east"));
        amis.put("us-west-2", AwsFixtures.createAmi(clients.forRegion("us-west-2"), "west"));
        images.tag(amis, "k2");

        assertEquals(Optional.of(amis), images.find("k2"));
        assertEquals("k2", images.availableKeyOf("us-west-2", amis.get("us-west-2")));
    }

    @Test
    public void find_copyInAnotherRegionGone_emptyWithWarning() {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put("us-east-1", AwsFixtures.createAmi(clients, "east"));
        String west = AwsFixtures.createAmi(clients.forRegion("us-west-2"), "west");
        amis.put("us-west-2", west);
        images.tag(amis, "k3");
        clients.forRegion("us-west-2").ec2().deregisterImage(r -> r.imageId(west));

        assertTrue(images.find("k3").isEmpty());
        assertTrue(reporter.text(), reporter.text().contains("warn: The AMI " + west + " in us-west-2"));
    }

    @Test
    public void availableKeyOf_unknownAmi_null() {
        assertNull(images.availableKeyOf("us-east-1", "ami-0123456789abcdef0"));
    }
}

package io.bakehouse.engine.ssm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.testkit.AwsFixtures;
import io.bakehouse.testkit.FaultProxy;
import io.bakehouse.testkit.MotoServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

public class AmiParameterPublisherTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final FaultProxy proxy = new FaultProxy(MOTO);

    private static final String NAME = "/DeploymentConfig/dev/App/AmiId";

    private AwsClients clients;
    private final List<String> progress = new ArrayList<>();

    @Before
    public void resetMoto() throws Exception {
        MOTO.reset();
        clients = MOTO.clients();
    }

    private AmiParameterPublisher publisher() {
        return new AmiParameterPublisher(clients, new Reporter() {
            @Override
            public void progress(String line) {
                progress.add(line);
            }

            @Override
            public void warn(String line) {
                progress.add("WARN " + line);
            }

            @Override
            public void detail(String line) {
                progress.add("DETAIL " + line);
            }
        });
    }

    private static PublishAmiParamRequest request(String ami, List<String> labels, Map<String, String> tags,
                                                  boolean overwrite, boolean force) {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put(null, ami);
        return new PublishAmiParamRequest(NAME, amis, "App AMI", tags, null, null, labels, overwrite, false, force);
    }

    @Test
    public void publish_newParameter_writesVersionOneWithImageDataType() {
        String ami = AwsFixtures.createAmi(clients, "app-1");

        PublishAmiParamResult result = publisher().publish(PublishAmiParamRequest.of(NAME, ami));

        assertEquals(1, result.version());
        assertNull(result.previousValue());
        assertTrue(result.changed());
        var parameter = clients.ssm().getParameter(r -> r.name(NAME)).parameter();
        assertEquals(ami, parameter.value());
        assertEquals(ParameterType.STRING, parameter.type());
        assertEquals("aws:ec2:image", parameter.dataType());
    }

    @Test
    public void publish_sameValueAgain_changesNothingAndSaysSo() {
        String ami = AwsFixtures.createAmi(clients, "app-1");
        publisher().publish(PublishAmiParamRequest.of(NAME, ami));

        PublishAmiParamResult again = publisher().publish(PublishAmiParamRequest.of(NAME, ami));

        assertFalse(again.changed());
        assertEquals(1, again.version());
        assertEquals(ami, again.previousValue());
        assertEquals(1L, (long) clients.ssm().getParameter(r -> r.name(NAME)).parameter().version());
        assertTrue(progress.stream().anyMatch(l -> l.contains("nothing changed")));
    }

    @Test
    public void publish_sameValueWithForce_writesNewVersion() {
        String ami = AwsFixtures.createAmi(clients, "app-1");
        publisher().publish(PublishAmiParamRequest.of(NAME, ami));

        PublishAmiParamResult forced = publisher().publish(request(ami, List.of(), Map.of(), true, true));

        assertTrue(forced.changed());
        assertEquals(2, forced.version());
    }

    @Test
    public void publish_newValue_returnsPreviousValueForRollbackAndLabelsTheVersion() {
        String first = AwsFixtures.createAmi(clients, "app-1");
        String second = AwsFixtures.createAmi(clients, "app-2");
        publisher().publish(PublishAmiParamRequest.of(NAME, first));

        PublishAmiParamResult result = publisher().publish(request(second, List.of("build-42", "sha-abc123"),
                Map.of("App", "demo"), true, false));

        assertEquals(2, result.version());
        assertEquals(first, result.previousValue());
        assertEquals(Long.valueOf(1), result.primary().previousVersion());
        var history = clients.ssm().getParameterHistory(r -> r.name(NAME)).parameters();
        assertEquals(List.of("build-42", "sha-abc123"), history.get(1).labels());
        var tags = clients.ssm().listTagsForResource(r -> r.resourceType("Parameter").resourceId(NAME)).tagList();
        assertEquals("demo", tags.stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())).get("App"));
    }

    @Test
    public void publish_tagsOnCreate_areAttached() {
        String ami = AwsFixtures.createAmi(clients, "app-1");

        publisher().publish(request(ami, List.of(), Map.of("Environment", "dev"), true, false));

        var tags = clients.ssm().listTagsForResource(r -> r.resourceType("Parameter").resourceId(NAME)).tagList();
        assertEquals("dev", tags.get(0).value());
    }

    @Test
    public void publish_amiMissing_failsAndWritesNothing() {
        BakehouseException e = assertThrows(BakehouseException.class,
                () -> publisher().publish(PublishAmiParamRequest.of(NAME, "ami-0123456789abcdef0")));

        assertEquals(BakehouseException.Kind.FAILURE, e.kind());
        assertEquals("AMI ami-0123456789abcdef0 does not exist in us-east-1; nothing was written", e.getMessage());
        assertThrows(ParameterNotFoundException.class, () -> clients.ssm().getParameter(r -> r.name(NAME)));
    }

    @Test
    public void publish_skipImageCheck_writesWithoutLookingUpTheAmi() {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put(null, "ami-0123456789abcdef0");
        var req = new PublishAmiParamRequest(NAME, amis, null, Map.of(), null, "text", List.of(), true, true, false);

        publisher().publish(req);

        assertEquals("ami-0123456789abcdef0", clients.ssm().getParameter(r -> r.name(NAME)).parameter().value());
    }

    @Test
    public void publish_noOverwriteOnExistingParameter_failsAndKeepsTheOldValue() {
        String first = AwsFixtures.createAmi(clients, "app-1");
        String second = AwsFixtures.createAmi(clients, "app-2");
        publisher().publish(PublishAmiParamRequest.of(NAME, first));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> publisher().publish(request(second, List.of(), Map.of(), false, false)));

        assertTrue(e.getMessage(), e.getMessage().contains("already exists (version 1) and overwriting was not allowed"));
        assertEquals(first, clients.ssm().getParameter(r -> r.name(NAME)).parameter().value());
    }

    @Test
    public void publish_existingSecureString_isRefused() {
        String ami = AwsFixtures.createAmi(clients, "app-1");
        clients.ssm().putParameter(r -> r.name(NAME).value("s3cr3t-value").type(ParameterType.SECURE_STRING));

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> publisher().publish(PublishAmiParamRequest.of(NAME, ami)));

        assertTrue(e.getMessage(), e.getMessage().contains("already exists as a SecureString"));
        assertFalse(e.getMessage().contains("s3cr3t-value"));
    }

    @Test
    public void publish_severalRegions_writesEachRegionOrNoneWhenOneAmiIsMissing() {
        String east = AwsFixtures.createAmi(clients, "app-east");
        String west = AwsFixtures.createAmi(clients.forRegion("eu-west-1"), "app-west");
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put("us-east-1", east);
        amis.put("eu-west-1", west);
        var ok = new PublishAmiParamRequest(NAME, amis, null, Map.of(), null, null, List.of(), true, false, false);

        PublishAmiParamResult result = publisher().publish(ok);

        assertEquals(2, result.regions().size());
        assertEquals(west, clients.forRegion("eu-west-1").ssm().getParameter(r -> r.name(NAME)).parameter().value());

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("us-east-1", AwsFixtures.createAmi(clients, "app-east-2"));
        bad.put("eu-west-1", "ami-0123456789abcdef0");
        assertThrows(BakehouseException.class, () -> publisher().publish(
                new PublishAmiParamRequest(NAME, bad, null, Map.of(), null, null, List.of(), true, false, false)));
        assertEquals(east, clients.ssm().getParameter(r -> r.name(NAME)).parameter().value());
    }

    @Test
    public void publish_labelFailsAfterTheWrite_saysWhatWasWritten_andPublishingAgainFinishes() {
        String ami = AwsFixtures.createAmi(clients, "app");
        proxy.always("LabelParameterVersion", FaultProxy.Fault.awsError(400, "AccessDeniedException",
                "not allowed to label"));
        AwsClients viaProxy = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()),
                new AwsEnvironment(Map.of())));
        PublishAmiParamRequest request = request(ami, List.of("build-7"), Map.of(), true, false);

        BakehouseException e = assertThrows(BakehouseException.class,
                () -> new AmiParameterPublisher(viaProxy, Reporter.SILENT).publish(request));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Access denied labelling version 1 of " + NAME));
        assertTrue(e.getMessage(), e.getMessage().endsWith("; " + NAME + " was already written: " + ami
                + " in us-east-1 (version 1)"));
        assertTrue(e.hint(), e.hint().startsWith("publish the same AMI again to finish"));
        PublishAmiParamResult again = publisher().publish(request);
        assertFalse(again.regions().get(0).changed());
        assertEquals(List.of("build-7"), clients.ssm().getParameterHistory(r -> r.name(NAME)).parameters().get(0).labels());
    }

    @Test
    public void publish_secondRegionsWriteFails_namesTheRegionAlreadyWritten() {
        String east = AwsFixtures.createAmi(clients, "app-east");
        String west = AwsFixtures.createAmi(clients.forRegion("eu-west-1"), "app-west");
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put("us-east-1", east);
        amis.put("eu-west-1", west);
        AtomicInteger puts = new AtomicInteger();
        proxy.always(r -> "PutParameter".equals(r.action()) && puts.incrementAndGet() > 1, FaultProxy.Fault.throttle());
        AwsClients viaProxy = MOTO.track(AwsClients.create(MotoServer.settingsFor(proxy.endpoint()),
                new AwsEnvironment(Map.of())));

        BakehouseException e = assertThrows(BakehouseException.class, () -> new AmiParameterPublisher(viaProxy,
                Reporter.SILENT).publish(new PublishAmiParamRequest(NAME, amis, null, Map.of(), null, null, List.of(),
                true, false, false)));

        assertTrue(e.getMessage(), e.getMessage().startsWith("AWS kept throttling requests while writing SSM parameter "
                + NAME + " in eu-west-1"));
        assertTrue(e.getMessage(), e.getMessage().endsWith(NAME + " was already written: " + east
                + " in us-east-1 (version 1)"));
    }
}

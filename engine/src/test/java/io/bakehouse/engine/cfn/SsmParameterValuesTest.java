package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.testkit.MotoServer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

public class SsmParameterValuesTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    private static final String SECRET = "s3cr3t-value-never-shown";

    private AwsClients clients;

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        clients = MOTO.clients();
    }

    private void put(String name, ParameterType type, String value) {
        clients.ssm().putParameter(r -> r.name(name).type(type).value(value));
    }

    private SsmParameterValues resolve(Map<String, String> given) {
        return SsmParameterValues.resolve(given, clients::ssm, MotoServer.REGION);
    }

    @Test
    public void resolve_stringAndStringList_replacesTheValuesAndKeepsTheOthers() {
        put("/DeploymentConfig/dev/Network/VpcId", ParameterType.STRING, "vpc-0abc");
        put("/DeploymentConfig/dev/Network/SubnetIds", ParameterType.STRING_LIST, "subnet-1,subnet-2");
        Map<String, String> given = new LinkedHashMap<>();
        given.put("Environment", "dev");
        given.put("VpcId", "ssm:/DeploymentConfig/dev/Network/VpcId");
        given.put("SubnetIds", "ssm:/DeploymentConfig/dev/Network/SubnetIds");

        SsmParameterValues resolved = resolve(given);

        assertEquals(Map.of("Environment", "dev", "VpcId", "vpc-0abc", "SubnetIds", "subnet-1,subnet-2"),
                resolved.values());
        assertEquals(List.of("Parameter VpcId = vpc-0abc (from SSM /DeploymentConfig/dev/Network/VpcId)",
                "Parameter SubnetIds = subnet-1,subnet-2 (from SSM /DeploymentConfig/dev/Network/SubnetIds)"),
                resolved.report());
    }

    @Test
    public void resolve_sameParameterForTwoKeys_readsItOnceForBoth() {
        put("/shared/value", ParameterType.STRING, "v");
        SsmParameterValues resolved = resolve(Map.of("A", "ssm:/shared/value", "B", "ssm:/shared/value"));
        assertEquals(Map.of("A", "v", "B", "v"), resolved.values());
    }

    @Test
    public void resolve_moreThanTenParameters_readsThemInBatches() {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < 23; i++) {
            put("/many/p" + i, ParameterType.STRING, "value-" + i);
            given.put("P" + i, "ssm:/many/p" + i);
        }
        SsmParameterValues resolved = resolve(given);
        assertEquals(23, resolved.values().size());
        assertEquals("value-22", resolved.values().get("P22"));
    }

    @Test
    public void resolve_versionSelector_readsThatVersion() {
        put("/app/value", ParameterType.STRING, "first");
        clients.ssm().putParameter(r -> r.name("/app/value").type(ParameterType.STRING).value("second").overwrite(true));
        assertEquals("first", resolve(Map.of("Value", "ssm:/app/value:1")).values().get("Value"));
        assertEquals("second", resolve(Map.of("Value", "ssm:/app/value")).values().get("Value"));
    }

    @Test
    public void resolve_missingParameter_isUsageErrorNamingItAndTheStackParameter() {
        put("/exists", ParameterType.STRING, "v");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolve(Map.of("Found", "ssm:/exists", "VpcId", "ssm:/DeploymentConfig/dev/Network/VpcId")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("SSM parameter /DeploymentConfig/dev/Network/VpcId"
                + " (for stack parameter VpcId) does not exist in " + MotoServer.REGION));
        assertEquals("params", e.field());
    }

    @Test
    public void resolve_missingVersion_isUsageErrorNamingIt() {
        put("/app/value", ParameterType.STRING, "only");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolve(Map.of("Value", "ssm:/app/value:7")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("SSM parameter /app/value:7 (for stack parameter Value)"
                + " does not exist"));
    }

    @Test
    public void resolve_secureString_isRefusedByNameWithoutShowingItsValue() {
        put("/app/db-password", ParameterType.SECURE_STRING, SECRET);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolve(Map.of("DbPassword", "ssm:/app/db-password")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("SSM parameter /app/db-password (for stack parameter"
                + " DbPassword) is a SecureString"));
        assertFalse(e.getMessage().contains(SECRET));
        assertFalse(String.valueOf(e.hint()).contains(SECRET));
    }

    @Test
    public void resolve_prefixWithoutName_isUsageError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> resolve(Map.of("VpcId", "ssm:")));
        assertTrue(e.getMessage(), e.getMessage().contains("stack parameter VpcId is written 'ssm:' without"));
    }

    @Test
    public void resolve_noSsmValues_neverAsksForAnSsmClient() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<SsmClient> counting = () -> {
            asked.incrementAndGet();
            return clients.ssm();
        };
        SsmParameterValues resolved = SsmParameterValues.resolve(Map.of("Env", "dev", "Url", "https://ssm.example"),
                counting, MotoServer.REGION);
        assertEquals(Map.of("Env", "dev", "Url", "https://ssm.example"), resolved.values());
        assertEquals(0, asked.get());
        assertTrue(resolved.report().isEmpty());
    }
}

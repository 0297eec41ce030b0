package io.bakehouse.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.MotoServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * {@code bakehouse cfn-deploy} deploys what {@code aws cloudformation deploy} deploys and
 * refuses what it refuses: every template of the parity corpus ({@code parity/corpus.yaml})
 * goes through both tools against one moto, into two stacks named after the template, and
 * the outcomes are compared as the corpus says.
 */
@RunWith(Parameterized.class)
public class CfnDeployParityTest {

    @ClassRule
    public static final MotoServer MOTO = new MotoServer();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final int MIN_TEMPLATES = 15;

    private final ParityCase row;
    private AwsClients clients;

    public CfnDeployParityTest(String template, ParityCase row) {
        this.row = row;
    }

    @Parameters(name = "{0}")
    public static List<Object[]> corpus() throws IOException {
        List<ParityCase> rows = ParityCase.load(folder().resolve("corpus.yaml"));
        Set<String> tabled = new TreeSet<>();
        rows.forEach(r -> tabled.add(r.template()));
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(folder())) {
            list.map(p -> p.getFileName().toString())
                    .filter(n -> (n.endsWith(".yaml") || n.endsWith(".json")) && !n.equals("corpus.yaml"))
                    .forEach(files::add);
        }
        if (!files.equals(tabled) || tabled.size() != rows.size() || rows.size() < MIN_TEMPLATES) {
            throw new AssertionError("the corpus table must name each of its templates once, and hold at least "
                    + MIN_TEMPLATES + ": templates " + files + ", table " + tabled + " (" + rows.size() + " rows)");
        }
        List<Object[]> parameters = new ArrayList<>();
        rows.forEach(r -> parameters.add(new Object[] {r.template(), r}));
        return parameters;
    }

    private static Path folder() {
        try {
            return Path.of(CfnDeployParityTest.class.getResource("parity/corpus.yaml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Before
    public void setUp() throws IOException {
        MOTO.reset();
        clients = MOTO.clients();
        for (ParityCase.SsmFixture p : row.ssm()) {
            clients.ssm().putParameter(r -> r.name(p.name()).type(p.type()).value(p.value()));
        }
        for (ParityCase.S3Fixture o : row.s3()) {
            clients.s3().createBucket(r -> r.bucket(o.bucket()));
            clients.s3().putObject(r -> r.bucket(o.bucket()).key(o.key()),
                    RequestBody.fromFile(folder().resolve(o.file())));
        }
    }

    @Test
    public void bothToolsReachTheSameOutcome() throws Exception {
        Path template = folder().resolve(row.template());
        String theirStack = row.id() + "-cli";
        String ourStack = row.id() + "-bh";

        AwsCli.Run theirs = new AwsCli(MOTO, tmp.getRoot().toPath()).run(row.awsCliArgs(template, theirStack));
        CliRun ours = CliRun.run(MOTO.environment(), row.bakehouseArgs(template, ourStack, true).toArray(new String[0]));

        if (ParityCase.SAME_STACK.equals(row.expect())) {
            assertEquals("aws cloudformation deploy: " + theirs.output(), 0, theirs.exitCode());
            assertEquals(ours.toString(), 0, ours.exitCode());
            StackSnapshot their = StackSnapshot.of(clients, theirStack, row.noEcho());
            StackSnapshot our = StackSnapshot.of(clients, ourStack, row.noEcho());
            assertEquals("CREATE_COMPLETE", their.status());
            assertFalse("the stack has resources", their.resources().isEmpty());
            assertEquals(their, our);
            JsonNode result = Json.mapper().readTree(ours.out());
            assertEquals(our.status(), result.get("status").asText());
            assertEquals(describedOutputs(ourStack), resultOutputs(result));
        } else {
            assertNotEquals("aws cloudformation deploy should fail: " + theirs.output(), 0, theirs.exitCode());
            assertTrue(theirs.output(), theirs.output().contains(row.theirs()));
            assertNotEquals(ours.toString(), 0, ours.exitCode());
            assertTrue(ours.toString(), oneErrorLine(ours).contains(row.ours()));
        }
        row.params().forEach((key, value) -> {
            if (row.noEcho().contains(key)) {
                assertFalse("NoEcho value of " + key + " shown: " + ours, (ours.out() + ours.err()).contains(value));
            }
        });
        if (row.refusedWithout() != null) {
            assertRefusedWithoutCapabilities(template);
        }
    }

    /** Without the capabilities the template needs, bakehouse refuses before it creates anything. */
    private void assertRefusedWithoutCapabilities(Path template) {
        String stack = row.id() + "-nocaps";

        CliRun refused = CliRun.run(MOTO.environment(), row.bakehouseArgs(template, stack, false)
                .toArray(new String[0]));

        assertEquals(refused.toString(), ExitCodes.USAGE, refused.exitCode());
        assertEquals("error: " + row.refusedWithout(), oneErrorLine(refused));
        assertFalse("stack " + stack + " was created", stackExists(stack));
    }

    /** The one line that says why the command failed; a stack trace or a second error would be more. */
    private static String oneErrorLine(CliRun run) {
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(run.toString(), 1, errors.size());
        assertFalse(run.toString(), run.err().contains("\tat "));
        return errors.get(0);
    }

    private static Map<String, String> resultOutputs(JsonNode result) {
        Map<String, String> outputs = new TreeMap<>();
        result.get("outputs").properties().forEach(e -> outputs.put(e.getKey(), e.getValue().asText()));
        return outputs;
    }

    private Map<String, String> describedOutputs(String stack) {
        Map<String, String> outputs = new TreeMap<>();
        clients.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs()
                .forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        return outputs;
    }

    private boolean stackExists(String stack) {
        try {
            return !clients.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().isEmpty();
        } catch (CloudFormationException e) {
            return false;
        }
    }
}

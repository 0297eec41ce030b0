package io.bakehouse.engine.contract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.CliOption.Kind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

/** Reading the contract, the CLI's spelling rule and the texts each face is given. */
public class StepContractTest {

    private static final StepContract CONTRACT = StepContract.load();

    @Test
    public void load_readsTheStepsOfTheIndex_inOrder() {
        assertEquals(List.of("publishAmiParam", "cfnDeploy", "packerBuild", "ecsDeployRunner", "ecsServiceDeploy",
                "publishSite"),
                CONTRACT.steps().stream().map(Step::name).toList());
        assertEquals("cfn-deploy", CONTRACT.step("cfnDeploy").command());
    }

    @Test
    public void parameters_ofAFace_areTheStepsOwnThenTheCommonOnes() {
        Step publish = CONTRACT.step("publishAmiParam");

        assertEquals(List.of("name", "amiId", "amis", "description", "tags", "tier", "dataType", "labels",
                "noOverwrite", "skipImageCheck", "force", "region", "roleArn", "externalId", "roleSessionName",
                "endpointUrl", "credentialsId"), names(CONTRACT.parameters(publish, Face.JENKINS)));
        assertEquals(List.of("region", "profile", "roleArn", "externalId", "roleSessionName", "endpointUrl",
                "credentialsId"), names(CONTRACT.parameters(publish, Face.LIBRARY)).subList(11, 18));
    }

    @Test
    public void cliOptions_followTheRule_kebabCase_singularAndRepeatedForListsAndMaps() {
        Map<String, Kind> options = kinds(CONTRACT.cliOptions(CONTRACT.step("publishAmiParam")));

        Map<String, Kind> expected = new LinkedHashMap<>();
        expected.put("--name", Kind.VALUE);
        expected.put("--ami-id", Kind.VALUE);
        expected.put("--amis", Kind.VALUE); // joined: REGION=AMI,...
        expected.put("--description", Kind.VALUE);
        expected.put("--tag", Kind.PAIRS);
        expected.put("--tier", Kind.VALUE);
        expected.put("--data-type", Kind.VALUE);
        expected.put("--label", Kind.REPEATED);
        expected.put("--no-overwrite", Kind.FLAG);
        expected.put("--skip-image-check", Kind.FLAG);
        expected.put("--force", Kind.FLAG);
        assertEquals(expected, options);
    }

    @Test
    public void cliOptions_trueByDefault_isNegatable_andIesBecomesY() {
        Map<String, Kind> options = kinds(CONTRACT.cliOptions(CONTRACT.step("cfnDeploy")));

        assertEquals(Kind.NEGATABLE, options.get("--replace-failed-stack"));
        assertEquals(Kind.REPEATED, options.get("--capability"));
        assertEquals(Kind.REPEATED, options.get("--notification-arn"));
        assertEquals(Kind.VALUE, options.get("--s3-bucket"));
    }

    @Test
    public void cliOptions_ofPublishSite_aMapAndAListRepeated_trueByDefaultNegatable() {
        Map<String, Kind> options = kinds(CONTRACT.cliOptions(CONTRACT.step("publishSite")));

        Map<String, Kind> expected = new LinkedHashMap<>();
        expected.put("--dir", Kind.VALUE);
        expected.put("--bucket", Kind.VALUE);
        expected.put("--prefix", Kind.VALUE);
        expected.put("--distribution-id", Kind.VALUE);
        expected.put("--delete", Kind.NEGATABLE);
        expected.put("--cache-control", Kind.PAIRS);
        expected.put("--invalidate", Kind.REPEATED);
        expected.put("--wait", Kind.NEGATABLE);
        expected.put("--dry-run", Kind.FLAG);
        expected.put("--allow-empty", Kind.FLAG);
        assertEquals(expected, options);
    }

    @Test
    public void cliOptions_secretPairs_areAnEnvironmentAndAFileOption_positionalsKeepTheirOrder() {
        assertEquals(List.of("--sensitive-var-env", "--sensitive-var-file"), CONTRACT.cliOptions(CONTRACT.step("packerBuild"))
                .stream().filter(o -> o.parameter().equals("sensitiveVars")).map(CliOption::name).toList());
        assertEquals(List.of("CONTAINER", "SCRIPT", "ARGS..."), CONTRACT.cliOptions(CONTRACT.step("ecsDeployRunner"))
                .stream().filter(o -> o.kind() == Kind.POSITIONAL).map(CliOption::usage).toList());
    }

    @Test
    public void cliOptions_text_spellsReferencesAsOptions_andSaysRequirementDefaultAndRepetition() {
        Map<String, String> texts = CONTRACT.cliOptions(CONTRACT.step("cfnDeploy")).stream()
                .collect(Collectors.toMap(CliOption::name, CliOption::text));

        assertEquals("Template: a local YAML or JSON file, or an S3 URL (https://...amazonaws.com/... or s3://bucket/key)."
                + " Required unless --execute-change-set is given.", texts.get("--template"));
        assertTrue(texts.get("--timeout"), texts.get("--timeout").endsWith(" Default: 60m."));
        assertEquals("Stack tags, which CloudFormation passes on to the resources (at most 50). Repeatable.",
                texts.get("--tag"));
        assertTrue(texts.get("--replace-failed-stack"), texts.get("--replace-failed-stack").endsWith(" Default: true."));
        assertTrue("a flag's false is no news: " + texts.get("--no-execute"), !texts.get("--no-execute").contains("Default"));
    }

    @Test
    public void text_ofAPipelineFace_addsDetailsAndNotes_theCliOnlyItsOwn() {
        Parameter sensitive = CONTRACT.step("packerBuild").parameter("sensitiveVars");

        assertTrue(sensitive.text(Face.JENKINS).source().contains("The plugin reads the credential on the controller"));
        assertTrue(sensitive.text(Face.LIBRARY).source().contains("`BAKEHOUSE_SENSITIVE_1`"));
        assertTrue(sensitive.text(Face.LIBRARY).source().contains("A missing credential fails the step"));
        Parameter returnStatus = CONTRACT.step("ecsDeployRunner").parameter("returnStatus");
        assertTrue(returnStatus.text(Face.CLI).source().startsWith("Exit 0 whenever the container exited"));
    }

    @Test
    public void defaultFor_aFaceWithItsOwnDefault_saysThat_theOthersTheGenericOne() {
        Parameter region = CONTRACT.common().parameter("region");

        assertTrue(region.defaultFor(Face.JENKINS).source().startsWith("the region set under Manage Jenkins"));
        assertTrue(region.defaultFor(Face.CLI).source().startsWith("`AWS_REGION`"));
        assertEquals("`aws:ec2:image`", CONTRACT.step("publishAmiParam").parameter("dataType").defaultFor(Face.CLI).source());
        assertNull(CONTRACT.step("cfnDeploy").parameter("stack").defaultFor(Face.JENKINS));
    }

    @Test
    public void spelling_ofAReference_isTheOptionOnTheCli_andTheNameInAPipeline() {
        Step cfn = CONTRACT.step("cfnDeploy");

        assertEquals("--role-arn", CONTRACT.spelling(cfn, Face.CLI).apply("roleArn"));
        assertEquals("--s3-bucket", CONTRACT.spelling(cfn, Face.CLI).apply("s3Bucket"));
        assertEquals("roleArn", CONTRACT.spelling(cfn, Face.LIBRARY).apply("roleArn"));
        assertEquals("CONTAINER", CONTRACT.spelling(CONTRACT.step("ecsDeployRunner"), Face.CLI).apply("container"));
    }

    // ---- what the reader refuses, each with a line naming the file and the key

    @Test
    public void read_unknownKey_isRefusedNamingIt() {
        assertRefused("unknown key colour", PARAMETER + "    colour: blue\n");
    }

    @Test
    public void read_referenceToNoParameter_isRefused() {
        assertRefused("{nothing} is no parameter of the step", PARAMETER.replace("A thing.", "Like {nothing}."));
    }

    @Test
    public void read_cliOptionWithoutLabel_isRefused() {
        assertRefused("needs cli.label", PARAMETER.replace("    cli:\n      label: THING\n", ""));
    }

    @Test
    public void read_jenkinsScalarWithoutFormLabel_isRefused() {
        assertRefused("needs jenkins.label", PARAMETER.replace("    jenkins:\n      label: Thing\n", ""));
    }

    @Test
    public void read_descriptionWithoutFullStop_orOutsideAscii_isRefused() {
        assertRefused("ending with a full stop", PARAMETER.replace("A thing.", "A thing"));
        assertRefused("write ASCII", PARAMETER.replace("A thing.", "A thing\u2026."));
    }

    @Test
    public void read_twoParametersSpeltAsOneOption_isRefused() {
        assertRefused("two parameters are the CLI option --thing", PARAMETER + PARAMETER.replace("name: thing",
                "name: things").replace("type: string", "type: list").replace("    jenkins:\n      label: Thing\n", ""));
    }

    /** One parameter of a step "probe", as the tests above bend it. */
    private static final String PARAMETER = """
              - name: thing
                type: string
                description: A thing.
                jenkins:
                  label: Thing
                cli:
                  label: THING
            """;

    private static void assertRefused(String expected, String parameters) {
        Map<String, String> files = new HashMap<>();
        files.put("contract.yaml", "steps: [probe]\n");
        files.put("common.yaml", "name: common\nrequest: x.Y\njenkins:\n  class: x.Z\n  section: S\nparameters: []\n");
        files.put("probe.yaml", "name: probe\ncommand: probe\nsummary: Probes.\nrequest: x.Y\nresult: x.R\n"
                + "jenkins:\n  class: x.P\npipeline:\n  example: probe()\nparameters:\n" + parameters + "results: []\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepContract.read(files::get));
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
        assertTrue(e.getMessage(), e.getMessage().startsWith("probe.yaml"));
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }

    private static Map<String, Kind> kinds(List<CliOption> options) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        options.forEach(o -> kinds.put(o.name(), o.kind()));
        return kinds;
    }
}

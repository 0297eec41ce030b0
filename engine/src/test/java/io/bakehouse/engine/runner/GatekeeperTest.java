package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.runner.Rejection.Reason;
import io.bakehouse.testkit.RunnerFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class GatekeeperTest {

    private static final RunnerConfig CONFIG = RunnerFixtures.offlineConfig();
    private static final String PACKER = "packer";
    private static final String BUILD = "build-packer-artifact";

    private static Decision decide(String container, String script, Integer cpu, Integer memory, String... args) {
        return Gatekeeper.decide(CONFIG, new RunRequest(container, script, Arrays.asList(args), cpu, memory, "build-7"));
    }

    private static Decision build(String... args) {
        return decide(PACKER, BUILD, null, null, args);
    }

    private static TaskLaunch approved(Decision d) {
        if (d instanceof Decision.Approved a) {
            return a.launch();
        }
        throw new AssertionError("expected approval, got " + ((Decision.Rejected) d).rejection());
    }

    private static Rejection rejected(Decision d, Reason reason) {
        if (d instanceof Decision.Rejected r) {
            assertEquals(r.rejection().toString(), reason, r.rejection().reason());
            return r.rejection();
        }
        throw new AssertionError("expected " + reason + ", got approval " + ((Decision.Approved) d).launch());
    }

    @Test
    public void decide_allowedArguments_buildsCommandWithHardcodedOptionsFirstAndArgsLast() {
        TaskLaunch launch = approved(build("--repo", "https://github.com/acme/infra.git", "--ref=v1.2.3",
                "--template-path", "packer/app.pkr.hcl", "--var", "region=us-east-1", "--force"));

        assertEquals(List.of("/usr/local/bin/build-packer-artifact", "--machine-readable",
                "--repo", "https://github.com/acme/infra.git", "--ref", "v1.2.3",
                "--template-path", "packer/app.pkr.hcl", "--var", "region=us-east-1", "--force", "--done"),
                launch.command());
        assertEquals("deploy-runner-packer", launch.taskDefinition());
        assertEquals("packer", launch.containerName());
        assertEquals(512, launch.cpu());
        assertEquals(1024, launch.memory());
        assertEquals("build-7", launch.requestedBy());
        assertEquals("0", launch.environment().get("PACKER_LOG"));
    }

    @Test
    public void decide_unknownContainer_rejectedNamingIt() {
        Rejection r = rejected(decide("bash", "sh", null, null), Reason.UNKNOWN_CONTAINER);
        assertTrue(r.message(), r.message().contains("'bash'"));
        assertTrue(r.message(), r.message().contains("packer, terraform-planner"));
    }

    @Test
    public void decide_unknownScript_rejectedNamingContainerAndScript() {
        Rejection r = rejected(decide(PACKER, "rm-rf", null, null), Reason.UNKNOWN_SCRIPT);
        assertEquals("rm-rf", r.script());
        assertTrue(r.message(), r.message().contains("'packer' has no script 'rm-rf'"));
    }

    @Test
    public void decide_unknownOption_rejectedListingAllowedOnes() {
        Rejection r = rejected(build("--exec", "x"), Reason.UNKNOWN_OPTION);
        assertEquals("--exec", r.option());
        assertTrue(r.message(), r.message().contains("allowed: --repo, --ref, --template-path, --var, --force"));
    }

    @Test
    public void decide_restrictedOption_rejected() {
        assertEquals("--debug", rejected(build("--debug"), Reason.RESTRICTED_OPTION).option());
    }

    @Test
    public void decide_optionWithoutValue_rejected() {
        assertEquals("--var", rejected(build("--force", "--var"), Reason.MISSING_VALUE).option());
    }

    @Test
    public void decide_flagGivenAValue_rejected() {
        assertEquals("--force", rejected(build("--force=yes"), Reason.UNEXPECTED_VALUE).option());
    }

    @Test
    public void decide_valueNotMatchingItsPattern_rejectedWithPattern() {
        Rejection r = rejected(build("--template-path", "app.json"), Reason.VALUE_NOT_ALLOWED);
        assertEquals("app.json", r.value());
        assertTrue(r.message(), r.message().contains("\\.pkr\\.hcl"));
    }

    @Test
    public void decide_shellMetacharactersAgainstAPattern_rejected() {
        for (String bad : List.of("x;rm -rf /", "$(id)", "`id`", "a|b", "a&b", "a>b", "it's", "a b", "*", "~/x")) {
            Rejection r = rejected(decide("terraform-planner", "plan", null, null, "dev", "--", bad),
                    Reason.VALUE_NOT_ALLOWED);
            assertEquals(bad, r.value());
        }
    }

    @Test
    public void decide_safeDefaultPattern_refusesMetacharactersInOptionValues() {
        // --repo has no pattern of its own: the safe default applies before the allow-list.
        Rejection r = rejected(build("--repo", "https://github.com/acme/infra.git;id"), Reason.UNSAFE_CHARACTERS);
        assertEquals("--repo", r.option());
    }

    @Test
    public void decide_controlCharacters_refusedEvenWhenPatternWouldMatch() {
        rejected(build("--var", "a=b\nc"), Reason.UNSAFE_CHARACTERS);
        for (String bad : List.of("a;b", "$(id)", "a b", "a\u0000")) {
            rejected(build("--repo", bad), Reason.UNSAFE_CHARACTERS);
        }
        rejected(build("--repo", "-x"), Reason.LEADING_DASH);
    }

    @Test
    public void decide_positionalForScriptWithoutPositionals_rejected() {
        rejected(build("app.pkr.hcl"), Reason.POSITIONAL_NOT_ALLOWED);
        rejected(build("--"), Reason.POSITIONAL_NOT_ALLOWED);
    }

    @Test
    public void decide_scriptWithNoRules_acceptsNoArguments() {
        approved(decide("terraform-planner", "noargs", null, null));
        rejected(decide("terraform-planner", "noargs", null, null, "--help"), Reason.UNKNOWN_OPTION);
        rejected(decide("terraform-planner", "noargs", null, null, "x"), Reason.POSITIONAL_NOT_ALLOWED);
    }

    @Test
    public void decide_tooManyArguments_rejected() {
        Rejection r = rejected(decide("terraform-planner", "plan", null, null, "a", "b", "c", "d", "e"),
                Reason.TOO_MANY_ARGUMENTS);
        assertTrue(r.message(), r.message().contains("at most 4"));
    }

    @Test
    public void decide_overlongArgument_rejected() {
        rejected(decide("terraform-planner", "plan", null, null, "a".repeat(5000)), Reason.ARGUMENT_TOO_LONG);
    }

    @Test
    public void decide_repositoryNotAllowed_rejected() {
        Rejection r = rejected(build("--repo", "https://github.com/evil/infra.git"), Reason.REPOSITORY_NOT_ALLOWED);
        assertEquals("https://github.com/evil/infra.git", r.value());
    }

    @Test
    public void decide_refNotAllowed_rejected() {
        assertEquals("feature/x", rejected(build("--ref", "feature/x"), Reason.REF_NOT_ALLOWED).value());
    }

    @Test
    public void decide_cpuOutOfRange_rejected() {
        rejected(decide(PACKER, BUILD, 4096, 8192), Reason.CPU_NOT_ALLOWED);
        rejected(decide(PACKER, BUILD, 300, 1024), Reason.CPU_NOT_ALLOWED);
    }

    @Test
    public void decide_memoryOutOfRange_rejected() {
        rejected(decide(PACKER, BUILD, 2048, 16384), Reason.MEMORY_NOT_ALLOWED);
        rejected(decide(PACKER, BUILD, 256, 4096), Reason.MEMORY_NOT_ALLOWED);
        assertEquals(2048, approved(decide(PACKER, BUILD, 2048, 8192)).cpu());
    }

    @Test
    public void decide_positionals_passedLastAfterTheGatekeepersOwnDoubleDash() {
        assertEquals(List.of("/usr/local/bin/plan", "--", "dev", "prod/eu"),
                approved(decide("terraform-planner", "plan", null, null, "dev", "--", "prod/eu")).command());
        assertEquals(List.of("/usr/local/bin/plan", "--", "dev"),
                approved(decide("terraform-planner", "plan", null, null, "--", "dev")).command());
        assertEquals(List.of("/usr/local/bin/plan"),
                approved(decide("terraform-planner", "plan", null, null, "--")).command());
        rejected(decide("terraform-planner", "plan", null, null, "--", "-dev;x"), Reason.LEADING_DASH);
    }

    @Test
    public void decide_callersDoubleDash_neverDisplacesHardcodedArgs() {
        TaskLaunch launch = approved(decide("terraform-planner", "plan-dashes", null, null, "a", "--verbose", "--",
                "--lock=true", "-b"));
        assertEquals(List.of("/usr/local/bin/plan", "--verbose", "--lock=false", "--", "a", "--lock=true", "-b"),
                launch.command());
        assertEquals(List.of("/usr/local/bin/plan", "--lock=false", "--", "--", "x"),
                approved(decide("terraform-planner", "plan-dashes", null, null, "--", "--", "x")).command());
    }

    @Test
    public void decide_valueStartingWithDash_refusedUnlessTheOptionAllowsIt() {
        for (String value : List.of("--upload-pack", "--upload-pack=touch /tmp/x", "-", "-c", "--")) {
            Rejection r = rejected(build("--repo", "https://github.com/acme/infra.git", "--ref", value),
                    Reason.LEADING_DASH);
            assertEquals("--ref", r.option());
            rejected(build("--ref=" + value), Reason.LEADING_DASH);
        }
        rejected(build("--template-path", "-x.pkr.hcl"), Reason.LEADING_DASH);
        rejected(build("--var", "-a=b"), Reason.LEADING_DASH);
        rejected(decide("terraform-planner", "plan", null, null, "--", "-dev"), Reason.LEADING_DASH);
        rejected(decide("terraform-planner", "plan", null, null, "-"), Reason.LEADING_DASH);
        assertEquals(List.of("/usr/local/bin/build-packer-artifact", "--commit-branch", "main", "--commit-branch",
                "release/2", "--offset", "-12"), approved(decide(PACKER, "build-from-commit", null, null,
                "--offset", "-12")).command());
        approved(decide(PACKER, "build-from-commit", null, null, "--offset=-1"));
        approved(decide("terraform-planner", "plan-dashes", null, null, "-", "--", "-x"));
        rejected(decide("terraform-planner", "plan-dashes", null, null, "-", "-x"), Reason.UNKNOWN_OPTION);
    }

    @Test
    public void decide_unicodeControlFormatAndSeparatorCharacters_alwaysRefused() {
        String[] bad = {"\u0000", "\n", "\u007f", "\u0085", "\u009b", "\u0080", "\u009f", "\u2028", "\u2029",
            "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\ufeff",
            "\u00ad", "\u2060", "\ud800", "\udfff", "\udb40\udc01"};
        for (String c : bad) {
            // The test configuration's --var pattern allows spaces; none of these pass it.
            Rejection r = rejected(build("--var", "a=b" + c + "c"), Reason.UNSAFE_CHARACTERS);
            assertFalse(r.value(), r.value().contains(c));
            rejected(decide("terraform-planner", "plan", null, null, "x" + c), Reason.UNSAFE_CHARACTERS);
        }
        approved(build("--var", "a=b c"));
        assertEquals("a=\\u202eb", rejected(build("--var", "a=\u202eb"), Reason.UNSAFE_CHARACTERS).value());
    }

    @Test
    public void decide_maxArgs_countsArgumentWords() {
        approved(decide("terraform-planner", "plan", null, null, "a", "b", "c", "d"));
        rejected(decide("terraform-planner", "plan", null, null, "a", "b", "c", "--", "d"), Reason.TOO_MANY_ARGUMENTS);
        ScriptRules two = RunnerConfigLoader.parse(MINIMAL + "        allowedOptions: [--a, --b]\n        maxArgs: 2\n",
                "m").containers().get("tf").scripts().get("plan");
        RunnerConfig config = RunnerConfigLoader.parse(MINIMAL + "        allowedOptions: [--a, --b]\n        maxArgs: 2\n", "m");
        assertEquals(2, two.maxArgs());
        approved(Gatekeeper.decide(config, new RunRequest("tf", "plan", List.of("--a=1"), null, null, "t")));
        approved(Gatekeeper.decide(config, new RunRequest("tf", "plan", List.of("--a", "1"), null, null, "t")));
        Rejection r = rejected(Gatekeeper.decide(config, new RunRequest("tf", "plan", List.of("--a=1", "--b=2"),
                null, null, "t")), Reason.TOO_MANY_ARGUMENTS);
        assertTrue(r.message(), r.message().startsWith("4 argument words"));
    }

    private static final String MINIMAL = "cluster: c\nsubnets: [subnet-1]\nsecurityGroups: [sg-1]\n"
            + "logGroup: /g\nlogStreamPrefix: p\ncontainers:\n  tf:\n    taskDefinition: tf\n    scripts:\n      plan:\n";

    @Test
    public void decide_optionGivenTwice_refusedUnlessRepeatable() {
        Rejection r = rejected(build("--ref", "main", "--ref=v1.2.3"), Reason.REPEATED_OPTION);
        assertEquals("--ref", r.option());
        rejected(build("--force", "--force"), Reason.REPEATED_OPTION);
        rejected(build("--repo", "https://github.com/acme/infra.git", "--repo=https://github.com/acme/infra.git"),
                Reason.REPEATED_OPTION);
        assertEquals(List.of("/usr/local/bin/build-packer-artifact", "--machine-readable", "--var", "a=1", "--var",
                "b=2", "--done"), approved(build("--var", "a=1", "--var=b=2")).command());
    }

    @Test
    public void decide_hardcodedOptions_cannotBeGivenOrOverriddenByTheCaller() {
        rejected(build("--machine-readable"), Reason.UNKNOWN_OPTION);
        rejected(build("--done"), Reason.UNKNOWN_OPTION);
        rejected(decide("terraform-planner", "plan-dashes", null, null, "--lock=true"), Reason.UNKNOWN_OPTION);
        String m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        hardcodedOptions: [--region, us-east-1]\n        allowedOptions: [--region]\n", "m"))
                .getMessage();
        assertTrue(m, m.contains("'containers.tf.scripts.plan.hardcodedOptions'") && m.contains("--region is hardcoded"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        hardcodedArgs: [--lock=false]\n        allowedFlags: [--lock]\n", "m")).getMessage();
        assertTrue(m, m.contains("--lock is hardcoded"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        hardcodedArgs: [--, x]\n", "m")).getMessage();
        assertTrue(m, m.contains("the gatekeeper places '--' itself"));
    }

    @Test
    public void decide_bareCommit_onlyWhereTheRuleListsCommitBranches() {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        assertEquals(List.of("/usr/local/bin/build-packer-artifact", "--commit-branch", "main", "--commit-branch",
                "release/2", "--repo", "https://github.com/acme/infra.git", "--ref", commit),
                approved(decide(PACKER, "build-from-commit", null, null, "--repo", "https://github.com/acme/infra.git",
                        "--ref", commit)).command());
        approved(decide(PACKER, "build-from-commit", null, null, "--ref", "main"));
        // build-packer-artifact lists no commitBranches: a bare commit is refused whatever its patterns say.
        RunnerConfig config = RunnerConfigLoader.parse(MINIMAL + "        allowedOptions: [--ref]\n"
                + "        refOption: --ref\n", "m");
        for (String c : List.of(commit, commit.toUpperCase(), "ab".repeat(32))) {
            rejected(Gatekeeper.decide(config, new RunRequest("tf", "plan", List.of("--ref", c), null, null, "t")),
                    Reason.COMMIT_NOT_ALLOWED);
        }
        approved(Gatekeeper.decide(config, new RunRequest("tf", "plan", List.of("--ref", commit.substring(1)),
                null, null, "t")));
        String m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        allowedOptions: [--ref]\n        commitBranches: [main]\n", "m")).getMessage();
        assertTrue(m, m.contains("commitBranches': needs refOption"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        allowedOptions: [--ref]\n        refOption: --ref\n        commitBranches: [-main]\n", "m"))
                .getMessage();
        assertTrue(m, m.contains("'-main' is not a branch name"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        allowedOptions: [--ref, --commit-branch]\n        refOption: --ref\n"
                + "        commitBranches: [main]\n", "m")).getMessage();
        assertTrue(m, m.contains("--commit-branch is passed by the gatekeeper"));
    }

    @Test
    public void load_newRuleKeys_checkedLikeTheOthers() {
        String m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        repeatableOptions: [--var]\n", "m")).getMessage();
        assertTrue(m, m.contains("'containers.tf.scripts.plan.repeatableOptions': --var is not in allowedOptions"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        allowedFlags: [--x]\n        dashValueOptions: [--x]\n", "m")).getMessage();
        assertTrue(m, m.contains("'containers.tf.scripts.plan.dashValueOptions': --x is not in allowedOptions"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        dashPositionals: true\n", "m")).getMessage();
        assertTrue(m, m.contains("'containers.tf.scripts.plan.dashPositionals': needs allowPositionalArgs"));
        m = assertThrows(InvalidInputException.class, () -> RunnerConfigLoader.parse(MINIMAL
                + "        dashPositionals: yes please\n", "m")).getMessage();
        assertTrue(m, m.contains("must be true or false"));
    }

    @Test
    public void decide_validVectorWithOneMutation_isRejected() {
        Random random = new Random(7L);
        String[] bad = {"--exec", "--debug", "--ref=dev", "--repo=https://x.test/y.git", "--template-path=a.json",
            "stray", "--var=a;b", "--force=1", "--force", "--ref=main", "--machine-readable", "--var=a=\u2028"};
        for (int run = 0; run < 5_000; run++) {
            List<String> args = new ArrayList<>(List.of("--repo", "https://github.com/acme/infra.git", "--ref", "main",
                    "--template-path", "app.pkr.hcl", "--var", "a=b", "--force"));
            args.add(2 * random.nextInt(5), bad[random.nextInt(bad.length)]);
            assertTrue(args.toString(), build(args.toArray(new String[0])) instanceof Decision.Rejected);
        }
    }
}

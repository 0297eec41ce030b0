package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bakehouse.engine.runner.Rejection.Reason;
import io.bakehouse.testkit.RunnerFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
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
        for (String bad : List.of("a;b", "$(id)", "a b", "-x", "a\u0000")) {
            rejected(build("--repo", bad), Reason.UNSAFE_CHARACTERS);
        }
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
    public void decide_positionalsAfterDoubleDash_passedThroughWhenAllowed() {
        assertEquals(List.of("/usr/local/bin/plan", "dev", "--", "-dev"),
                approved(decide("terraform-planner", "plan", null, null, "dev", "--", "-dev")).command());
        rejected(decide("terraform-planner", "plan", null, null, "--", "-dev;x"), Reason.VALUE_NOT_ALLOWED);
    }

    // ---- generated argument vectors: nothing is approved that the configuration does not allow

    private static final String[] TOKENS = {"--repo", "--ref", "--template-path", "--var", "--force", "--debug",
        "--exec", "-x", "--", "--force=1", "--var=a=b", "--ref=main", "https://github.com/acme/infra.git",
        "https://github.com/evil/x.git", "main", "v1.2.3", "v1.2", "app.pkr.hcl", "dir/app.pkr.hcl", "a=b", "a b",
        "x;y", "$(id)", "`id`", "a|b", "&", ">", "<", "'", "\"", "\\", "\n", "\u0000", "*", "?", "~", "{a,b}",
        "-", "dev", "prod/eu", "-dev", "", "=", "--=", "--ref=feature/x"};
    private static final String ALPHABET = "abcAZ09-_./=:;|&$`'\" \n\t*?~<>(){}[]!#\\,@%+^";

    private static List<String> randomArgs(Random random) {
        int n = random.nextInt(12);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                StringBuilder s = new StringBuilder(random.nextBoolean() ? "--" : "");
                for (int k = random.nextInt(10); k > 0; k--) {
                    s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                args.add(s.toString());
            } else {
                args.add(TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return args;
    }

    @Test
    public void decide_twentyThousandGeneratedVectors_approvesOnlyWhatTheConfigurationAllows() {
        Random random = new Random(20261123L);
        int approvals = 0;
        for (int run = 0; run < 20_000; run++) {
            String container = random.nextInt(5) == 0 ? "terraform-planner" : PACKER;
            String script = container.equals(PACKER) ? BUILD : (random.nextBoolean() ? "plan" : "noargs");
            List<String> args = randomArgs(random);
            Decision d = Gatekeeper.decide(CONFIG, new RunRequest(container, script, args, null, null, "fuzz"));
            if (d instanceof Decision.Approved a) {
                approvals++;
                assertAllowedByIndependentReading(CONFIG.containers().get(container).scripts().get(script),
                        args, a.launch().command());
            } else {
                Rejection r = ((Decision.Rejected) d).rejection();
                assertFalse(r.message().isBlank());
                assertEquals(container, r.container());
            }
        }
        assertTrue("the generator should hit some approvals too: " + approvals, approvals > 100);
    }

    @Test
    public void decide_validVectorWithOneMutation_isRejected() {
        Random random = new Random(7L);
        String[] bad = {"--exec", "--debug", "--ref=dev", "--repo=https://x.test/y.git", "--template-path=a.json",
            "stray", "--var=a;b", "--force=1"};
        for (int run = 0; run < 5_000; run++) {
            List<String> args = new ArrayList<>(List.of("--repo", "https://github.com/acme/infra.git", "--ref", "main",
                    "--template-path", "app.pkr.hcl", "--var", "a=b", "--force"));
            args.add(2 * random.nextInt(5), bad[random.nextInt(bad.length)]);
            assertTrue(args.toString(), build(args.toArray(new String[0])) instanceof Decision.Rejected);
        }
    }

    /** Re-reads an approved command without the gatekeeper's code and checks every token against the rules. */
    private static void assertAllowedByIndependentReading(ScriptRules rules, List<String> args, List<String> command) {
        String where = args.toString();
        assertTrue(where, args.size() <= rules.maxArgs());
        assertEquals(where, rules.command(), command.get(0));
        assertEquals(where, rules.hardcodedOptions(), command.subList(1, 1 + rules.hardcodedOptions().size()));
        assertEquals(where, rules.hardcodedArgs(),
                command.subList(command.size() - rules.hardcodedArgs().size(), command.size()));
        List<String> middle = command.subList(1 + rules.hardcodedOptions().size(),
                command.size() - rules.hardcodedArgs().size());
        boolean positionalOnly = false;
        for (int i = 0; i < middle.size(); i++) {
            String t = middle.get(i);
            for (char c : t.toCharArray()) {
                assertTrue(where, c >= 0x20 && c != 0x7f);
            }
            if (!positionalOnly && t.equals("--")) {
                assertTrue(where, rules.allowPositionalArgs());
                positionalOnly = true;
            } else if (!positionalOnly && t.startsWith("-") && t.length() > 1) {
                assertFalse(where, rules.restrictedOptions().contains(t));
                if (rules.allowedFlags().contains(t)) {
                    continue;
                }
                assertTrue(where + " option " + t, rules.allowedOptions().contains(t));
                String value = middle.get(++i);
                Pattern p = rules.optionPatterns().get(t);
                assertTrue(where, p == null ? value.matches("[A-Za-z0-9_@%+=:,./][A-Za-z0-9_@%+=:,./-]*")
                        : p.matcher(value).matches());
                if (t.equals(rules.repoOption()) && !rules.allowedRepos().isEmpty()) {
                    assertTrue(where, rules.allowedRepos().contains(value));
                }
                if (t.equals(rules.refOption()) && !rules.allowedRefs().isEmpty()) {
                    assertTrue(where, rules.allowedRefs().stream().anyMatch(r -> r.matcher(value).matches()));
                }
            } else {
                assertTrue(where, rules.allowPositionalArgs());
                Pattern p = rules.positionalPattern();
                assertTrue(where, p == null ? t.matches("[A-Za-z0-9_@%+=:,./][A-Za-z0-9_@%+=:,./-]*") : p.matcher(t).matches());
            }
        }
        if (middle.isEmpty() && !args.isEmpty()) {
            fail("arguments vanished: " + where);
        }
    }
}

package io.bakehouse.engine.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.json.Json;
import io.bakehouse.testkit.RecordingReporter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Masking as an attacker would try to get round it: other lines, other encodings. */
public class SecretsTest {

    private static final String MULTI_LINE = "-----BEGIN KEY-----\nMIIEpAIBAAKCAQEA7canary\n-----END KEY-----";
    private static final String AWKWARD = "p@ss \"w0rd\"/&\\tail?x=1";

    @Test
    public void multiLineSecret_printedALineAtATime_everyLineMasked() {
        RecordingReporter sink = new RecordingReporter();
        Reporter r = new MaskingReporter(sink, new Secrets().add(MULTI_LINE));

        MULTI_LINE.lines().forEach(l -> r.output("    amazon-ebs: " + l));

        assertEquals(List.of("output:     amazon-ebs: ****", "output:     amazon-ebs: ****",
                "output:     amazon-ebs: ****"), sink.lines());
    }

    @Test
    public void multiLineSecret_wholeOrIndentedOrWithCrLf_masked() {
        Secrets secrets = new Secrets().add(MULTI_LINE);

        assertEquals("key: ****!", secrets.mask("key: " + MULTI_LINE + "!"));
        assertFalse(secrets.mask("  MIIEpAIBAAKCAQEA7canary  ").contains("canary"));
        String crlf = MULTI_LINE.replace("\n", "\r\n");
        assertFalse(secrets.mask(crlf).contains("canary"));
    }

    @Test
    public void jsonResult_holdingTheSecret_isMaskedInItsEscapedForm() {
        Secrets secrets = new Secrets().add(AWKWARD).add(MULTI_LINE);

        String json = Json.write(Map.of("a", "x " + AWKWARD, "b", MULTI_LINE));

        String masked = secrets.mask(json);
        assertFalse(masked, masked.contains("w0rd"));
        assertFalse(masked, masked.contains("canary"));
        assertTrue(masked, masked.contains("\"x ****\""));
    }

    @Test
    public void jsonResult_holdingASecretWithControlOrSeparatorCharacters_isMasked() {
        String secret = "tok\u001ben\u2028canary\u0001";
        Secrets secrets = new Secrets().add(secret);

        String masked = secrets.mask(Json.write(List.of(secret)));

        assertEquals("[\n  \"****\"\n]", masked);
    }

    @Test
    public void urlEncodedSecret_inAnyOfItsSpellings_isMasked() {
        Secrets secrets = new Secrets().add(AWKWARD);
        String plus = URLEncoder.encode(AWKWARD, StandardCharsets.UTF_8);
        String percent20 = plus.replace("+", "%20");
        String lower = percent20.replace("%2F", "%2f").replace("%3F", "%3f").replace("%3D", "%3d")
                .replace("%5C", "%5c");

        for (String form : List.of(plus, percent20, lower)) {
            String masked = secrets.mask("https://ci.invalid/?token=" + form + "&next=1");
            assertEquals(form, "https://ci.invalid/?token=****&next=1", masked);
        }
    }

    @Test
    public void htmlEscapedSecret_isMasked() {
        Secrets secrets = new Secrets().add(AWKWARD);

        assertEquals("<td>****</td>", secrets.mask("<td>" + Secrets.htmlEscaped(AWKWARD) + "</td>"));
    }

    @Test
    public void exceptionMessage_withEscapedAndMultiLineSecrets_isMasked() {
        Secrets secrets = new Secrets().add(MULTI_LINE).add(AWKWARD);
        Exception e = new IllegalStateException("bad value \"" + Json.escaped(AWKWARD) + "\" after "
                + MULTI_LINE.lines().skip(1).findFirst().orElseThrow());

        String masked = secrets.mask(e.getMessage());

        assertEquals("bad value \"****\" after ****", masked);
    }

    @Test
    public void shortLinesOfAMultiLineSecret_areNotMaskedOnTheirOwn() {
        Secrets secrets = new Secrets().add("ab\nlonger-part");

        assertEquals("ab ****", secrets.mask("ab longer-part"));
    }

    @Test
    public void addingTheSameSecretTwice_orFromManyThreads_isHarmless() throws InterruptedException {
        Secrets secrets = new Secrets();
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = new Thread(() -> secrets.add("secret-number-" + n).add("secret-number-" + n));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < threads.length; i++) {
            assertEquals("****", secrets.mask("secret-number-" + i));
        }
    }
}

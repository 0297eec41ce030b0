package io.bakehouse.engine.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.testkit.RecordingReporter;
import java.util.List;
import org.junit.Test;

public class MaskingReporterTest {

    private final RecordingReporter sink = new RecordingReporter();

    @Test
    public void everyKindOfLine_isMasked() {
        Secrets secrets = new Secrets().add("hunter2-secret");
        Reporter r = new MaskingReporter(sink, secrets);

        r.progress("password=hunter2-secret");
        r.warn("hunter2-secret!");
        r.detail("x hunter2-secret y");

        assertEquals(List.of("progress: password=****", "warn: ****!", "detail: x **** y"), sink.lines());
    }

    @Test
    public void longerSecretsAreMaskedWhole_evenWhenTheyContainShorterOnes() {
        Secrets secrets = new Secrets().add("abcd").add("abcdefgh");

        assertEquals("**** and ****", secrets.mask("abcdefgh and abcd"));
    }

    @Test
    public void tinyOrMissingValues_areNotSecrets() {
        Secrets secrets = new Secrets().add(null).add("").add("ab");

        assertTrue(secrets.isEmpty());
        assertEquals("ab cd", secrets.mask("ab cd"));
    }
}

package io.bakehouse.engine.report;

import static org.junit.Assert.assertEquals;

import io.bakehouse.engine.output.Secrets;
import java.time.Duration;
import org.junit.Test;

public class HtmlPageTest {

    @Test
    public void human_durations() {
        assertEquals("250 ms", HtmlPage.human(Duration.ofMillis(250)));
        assertEquals("42 s", HtmlPage.human(Duration.ofSeconds(42)));
        assertEquals("2 min 5 s", HtmlPage.human(Duration.ofSeconds(125)));
    }

    @Test
    public void esc_escapesMarkupInTextAndAttributes_afterMaskingSecrets() {
        assertEquals("&lt;b&gt;&amp;&quot;x&quot;&#39;y&#39;", HtmlPage.esc(new Secrets(), "<b>&\"x\"'y'"));
        assertEquals("key=**** &lt;", HtmlPage.esc(new Secrets().add("s3cr3t<"), "key=s3cr3t< <"));
        assertEquals("", HtmlPage.esc(new Secrets(), null));
    }
}

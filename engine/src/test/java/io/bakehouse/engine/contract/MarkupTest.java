package io.bakehouse.engine.contract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.Test;

public class MarkupTest {

    private static final UnaryOperator<String> AS_OPTION = name -> "--" + Parameter.kebab(name);

    @Test
    public void plain_dropsTheMarks_spellsReferences_andWritesArrowsInAscii() {
        Markup m = Markup.of("Assumed with {externalId}: *AWS Credentials*, region → AMI, `{\"K\": \"V\"}`.");

        assertEquals("Assumed with --external-id: AWS Credentials, region -> AMI, {\"K\": \"V\"}.", m.plain(AS_OPTION));
        assertEquals(List.of("externalId"), m.references());
    }

    @Test
    public void html_putsCodeInCodeTags_andEscapesEverythingElse() {
        Markup m = Markup.of("Before {roleArn} & `a<b>` → *x*.");

        assertEquals("Before <code>roleArn</code> &amp; <code>a&lt;b&gt;</code> &#8594; <em>x</em>.",
                m.html(UnaryOperator.identity()));
    }

    @Test
    public void markdown_escapesPipes_andFencesBackticks() {
        assertEquals("`FILE\\|URL` and `roleArn`", Markup.of("`FILE|URL` and {roleArn}").markdown(UnaryOperator.identity()));
    }

    @Test
    public void of_foldsLineBreaksAndRunsOfSpaces() {
        assertEquals("one two three", Markup.of("  one\n  two   three\n").source());
    }

    @Test
    public void join_leavesOutNullAndEmptyParts() {
        assertEquals("A. B.", Markup.join(Markup.of("A."), null, Markup.of(""), Markup.of("B.")).source());
    }

    @Test
    public void of_unclosedCode_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Markup.of("a `b"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("an unclosed '`'"));
    }

    @Test
    public void of_bracesThatAreNoReference_areRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Markup.of("a map {K = V}."));
        assertTrue(e.getMessage(), e.getMessage().contains("write code in backticks"));
        assertThrows(IllegalArgumentException.class, () -> Markup.of("a } alone"));
    }
}

package io.bakehouse.engine.runner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class TaskLabelsTest {

    /** What RunTask accepts for startedBy. */
    private static void assertValidStartedBy(String s) {
        assertTrue(s, s.matches("[A-Za-z0-9/_-]{1,36}"));
    }

    @Test
    public void startedBy_allowedCharacters_keptAsTheyAre() {
        assertEquals("jenkins-app-42", TaskLabels.startedBy("jenkins-app-42"));
        assertEquals("a/b_C-9", TaskLabels.startedBy("a/b_C-9"));
    }

    @Test
    public void startedBy_userWithColon_colonBecomesUnderscore() {
        assertEquals("user_alice", TaskLabels.startedBy("user:alice"));
    }

    @Test
    public void startedBy_multibranchBuildTagWithEncodedSlash_percentBecomesUnderscore() {
        String s = TaskLabels.startedBy("jenkins-app-feature%2Flogin-7");
        assertEquals("jenkins-app-feature_2Flogin-7", s);
        assertValidStartedBy(s);
    }

    @Test
    public void startedBy_unicode_eachCodePointBecomesOneUnderscore() {
        // é is one char, the emoji two (a surrogate pair): each is one code point, one underscore
        assertEquals("caf_-_-x", TaskLabels.startedBy("café-\uD83D\uDE80-x"));
        assertEquals("_", TaskLabels.startedBy("\u202E"));
    }

    @Test
    public void startedBy_spacesDotsAndAt_replaced() {
        assertEquals("ci_bot_example_com_run_1", TaskLabels.startedBy("ci bot@example.com run.1"));
    }

    @Test
    public void startedBy_tooLong_keepsTheLast36CharactersWhereTheBuildNumberIs() {
        String tag = "jenkins-acme-platform-infrastructure-feature%2Fnetwork-1234";
        String s = TaskLabels.startedBy(tag);
        assertEquals(36, s.length());
        assertTrue(s, s.endsWith("feature_2Fnetwork-1234"));
        assertValidStartedBy(s);
    }

    @Test
    public void startedBy_exactly36_unchanged() {
        String s = "a".repeat(36);
        assertEquals(s, TaskLabels.startedBy(s));
    }

    @Test
    public void startedBy_callerArn_madeValid() {
        assertValidStartedBy(TaskLabels.startedBy("arn:aws:sts::123456789012:assumed-role/jenkins/i-0abc"));
    }

    @Test
    public void tagValue_keepsLettersOfAnyScriptAndTagPunctuation_replacesTheRest() {
        assertEquals("user:alice", TaskLabels.tagValue("user:alice"));
        assertEquals("café @x=1+2/3.4", TaskLabels.tagValue("café @x=1+2/3.4"));
        assertEquals("jenkins-app-feature_2Fx-1", TaskLabels.tagValue("jenkins-app-feature%2Fx-1"));
        assertEquals("a_b", TaskLabels.tagValue("a\"b"));
    }

    @Test
    public void tagValue_tooLong_first256() {
        assertEquals("x".repeat(256), TaskLabels.tagValue("x".repeat(300)));
    }
}

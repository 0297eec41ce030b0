package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class BuildLogReporterTest {

    private final RecordingListener listener = new RecordingListener();
    private final BuildLogReporter reporter = new BuildLogReporter(listener.getLogger(), "publishAmiParam");

    @Test
    public void progress_writesALinePrefixedWithTheStep() {
        reporter.progress("Checking that ami-1 exists in us-east-1");
        assertEquals("[publishAmiParam] Checking that ami-1 exists in us-east-1" + System.lineSeparator(), listener.text());
    }

    @Test
    public void warn_marksTheLineAsAWarning() {
        reporter.warn("the parameter has 100 versions");
        assertEquals("[publishAmiParam] WARNING: the parameter has 100 versions" + System.lineSeparator(), listener.text());
    }

    @Test
    public void detail_isLeftOutOfTheBuildLog() {
        reporter.detail("request id 42");
        assertEquals("", listener.text());
    }
}

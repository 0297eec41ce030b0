package io.bakehouse.jenkins;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A build log for tests that need no Jenkins: a {@link TaskListener} whose text can be read
 * back. Serialisable like the real remotable listener; a deserialised copy starts empty.
 */
final class RecordingListener implements TaskListener {

    private static final long serialVersionUID = 1L;

    private transient ByteArrayOutputStream bytes;
    private transient PrintStream logger;

    @Override
    public synchronized PrintStream getLogger() {
        if (logger == null) {
            bytes = new ByteArrayOutputStream();
            logger = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        }
        return logger;
    }

    synchronized String text() {
        getLogger().flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

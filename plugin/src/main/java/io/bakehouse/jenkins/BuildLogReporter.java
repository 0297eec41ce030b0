package io.bakehouse.jenkins;

import io.bakehouse.engine.output.Reporter;
import java.io.PrintStream;

/**
 * Renders engine progress into the build log as it happens. The stream is the step's
 * {@code TaskListener} logger, which remoting forwards from the agent to the controller.
 * Detail lines are left out: a build log has no verbose switch and they would drown it.
 */
public final class BuildLogReporter implements Reporter {

    private final PrintStream log;
    private final String prefix;

    public BuildLogReporter(PrintStream log, String functionName) {
        this.log = log;
        this.prefix = "[" + functionName + "] ";
    }

    @Override
    public void progress(String line) {
        print(prefix + line);
    }

    @Override
    public void warn(String line) {
        print(prefix + "WARNING: " + line);
    }

    @Override
    public void detail(String line) {
        // not shown: see the class comment
    }

    private void print(String line) {
        synchronized (log) {
            log.println(line);
            log.flush();
        }
    }
}

package hudson.model;

import hudson.ExtensionPoint;
import java.io.IOException;
import io.bakehouse.jenkinsmirror.Mirror;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        implements ExtensionPoint, Comparable<RunT> {

    protected Run(JobT job) throws IOException {
        throw Mirror.unsupported();
    }

    public JobT getParent() {
        throw Mirror.unsupported();
    }

}

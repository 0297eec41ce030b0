package hudson.model;

import io.bakehouse.jenkinsmirror.Mirror;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {

    /** The real constructor takes core types the plugin never uses; this one cannot be called. */
    private Job() {
        throw Mirror.unsupported();
    }
}

package io.bakehouse.jenkins.packer;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.packer.PackerBuildRequest;
import io.bakehouse.engine.packer.PackerBuildResult;
import io.bakehouse.engine.packer.PackerBuilder;
import io.bakehouse.jenkins.AgentTask;
import io.bakehouse.jenkins.WorkspacePaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code packerBuild} on the agent: the engine's builder with a validated request, run in the
 * workspace (or {@code workingDir} inside it). The request's sensitive values were read from their
 * credentials on the controller as the step ran; this task is never saved (only sent to the agent). An interrupted call (the step's abort) makes
 * the engine interrupt Packer, which then deletes what it made.
 */
public record PackerBuildTask(PackerBuildRequest request) implements AgentTask<PackerBuildResult> {

    private static final long serialVersionUID = 1L;

    @Override
    public PackerBuildResult run(AwsClients clients, Reporter reporter, File workspace) {
        if (request.workingDir() == null) {
            // a new job's workspace is only a name until a step first uses it (Jenkins's own steps make it too);
            // without this a missing template would be reported as a missing workingDir the user never gave
            try {
                Files.createDirectories(workspace.toPath());
            } catch (IOException e) {
                throw BakehouseException.failure("Cannot create the workspace " + workspace + ": " + e.getMessage(),
                        "check the agent's free disk space and the permissions of its workspace folder", e);
            }
        }
        return new PackerBuilder(clients, reporter).build(inWorkspace(workspace));
    }

    @Override
    public List<String> secretValues() {
        return List.copyOf(request.sensitiveVars().values());
    }

    /** The request with {@code workingDir} (and so the template and var files) resolved against the workspace. */
    PackerBuildRequest inWorkspace(File workspace) {
        PackerBuildRequest r = request;
        return new PackerBuildRequest(r.template(), r.vars(), r.sensitiveVars(), r.varFiles(), r.only(), r.except(),
                r.onError(), r.force(), WorkspacePaths.resolve(workspace, r.workingDir() == null ? "." : r.workingDir()),
                WorkspacePaths.resolveCommand(workspace, r.packer()), r.rebake(), r.timeout());
    }
}

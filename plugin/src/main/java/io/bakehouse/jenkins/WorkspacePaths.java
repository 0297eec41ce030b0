package io.bakehouse.jenkins;

import java.io.File;
import java.nio.file.Path;

/**
 * Paths a step was given, as the agent must read them: relative ones against the build's
 * workspace (the agent process runs elsewhere), absolute ones and URLs as they are.
 */
public final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /** {@code path} resolved against {@code workspace}; {@code null} stays {@code null}, a URL stays a URL. */
    public static String resolve(File workspace, String path) {
        if (path == null || path.contains("://")) {
            return path;
        }
        return workspace.toPath().resolve(Path.of(path)).normalize().toString();
    }

    /** A command: a bare name is looked up on {@code PATH}, a name with a directory resolves like a path. */
    public static String resolveCommand(File workspace, String command) {
        if (command == null || !command.contains("/")) {
            return command;
        }
        return resolve(workspace, command);
    }
}

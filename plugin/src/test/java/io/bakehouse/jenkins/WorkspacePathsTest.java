package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.File;
import org.junit.Test;

public class WorkspacePathsTest {

    private static final File WORKSPACE = new File("/agent/workspace/app");

    @Test
    public void resolve_relativePath_isInsideTheWorkspace() {
        assertEquals("/agent/workspace/app/cloudformation/app.yaml",
                WorkspacePaths.resolve(WORKSPACE, "cloudformation/app.yaml"));
        assertEquals("/agent/workspace/app/params.json", WorkspacePaths.resolve(WORKSPACE, "./cfn/../params.json"));
    }

    @Test
    public void resolve_absolutePathUrlOrNull_staysAsGiven() {
        assertEquals("/etc/runner.yaml", WorkspacePaths.resolve(WORKSPACE, "/etc/runner.yaml"));
        assertEquals("s3://templates/app.yaml", WorkspacePaths.resolve(WORKSPACE, "s3://templates/app.yaml"));
        assertNull(WorkspacePaths.resolve(WORKSPACE, null));
    }

    @Test
    public void resolveCommand_bareNameIsLookedUpOnPath_aPathResolves() {
        assertEquals("packer", WorkspacePaths.resolveCommand(WORKSPACE, "packer"));
        assertEquals("/agent/workspace/app/tools/packer", WorkspacePaths.resolveCommand(WORKSPACE, "tools/packer"));
        assertEquals("/usr/bin/packer", WorkspacePaths.resolveCommand(WORKSPACE, "/usr/bin/packer"));
        assertNull(WorkspacePaths.resolveCommand(WORKSPACE, null));
    }
}

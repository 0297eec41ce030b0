package io.bakehouse.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * JUnit rule: a fresh {@link PipelineHarness} with the repository's shared library loaded, a
 * workspace, and {@code BAKEHOUSE_CLI} pointing at a {@link FakeCli}; per test.
 */
public final class LibraryUnderTest extends ExternalResource {

    private final TemporaryFolder temp = new TemporaryFolder();
    private PipelineHarness harness;
    private FakeCli cli;

    @Override
    protected void before() throws Throwable {
        temp.create();
        Path workspace = Files.createDirectories(temp.getRoot().toPath().resolve("workspace"));
        harness = new PipelineHarness(PipelineHarness.repositoryRoot(), workspace);
        cli = new FakeCli(temp.getRoot().toPath().resolve("fake-cli"));
        harness.env().put("BAKEHOUSE_CLI", cli.path().toString());
    }

    @Override
    protected void after() {
        temp.delete();
    }

    public PipelineHarness harness() {
        return harness;
    }

    public FakeCli cli() {
        return cli;
    }

    public Path newFolder(String name) throws IOException {
        return temp.newFolder(name).toPath();
    }

    /** Calls the var {@code name} with {@code args}. */
    public Object call(String name, Map<String, Object> args) {
        return harness.callVar(name, args);
    }
}

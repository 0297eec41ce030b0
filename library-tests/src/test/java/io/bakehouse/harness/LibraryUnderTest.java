package io.bakehouse.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    /**
     * Calls the var {@code name} with {@code args}, expects it to fail before running anything,
     * and returns the failure's message.
     */
    public String failure(String name, Map<String, Object> args) {
        try {
            Object result = harness.callVar(name, args);
            throw new AssertionError(name + " did not fail; it returned " + result);
        } catch (PipelineFailure expected) {
            if (!cli.calls().isEmpty() || !harness.calls("sh").isEmpty()) {
                throw new AssertionError(name + " ran something before failing: " + harness.calls("sh"));
            }
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("not one line: " + expected.getMessage());
            }
            return expected.getMessage();
        }
    }

    /**
     * Calls the var {@code name} with {@code args}, expects the CLI it runs to fail the step,
     * and returns the failure's message (one line).
     */
    public String cliFailure(String name, Map<String, Object> args) {
        try {
            Object result = harness.callVar(name, args);
            throw new AssertionError(name + " did not fail; it returned " + result);
        } catch (PipelineFailure expected) {
            if (cli.calls().isEmpty()) {
                throw new AssertionError(name + " failed before running the CLI: " + expected.getMessage());
            }
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("not one line: " + expected.getMessage());
            }
            return expected.getMessage();
        }
    }

    /** A map of alternating keys and values, in order; values may be null. */
    public static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Calls the var {@code name} with {@code args}. */
    public Object call(String name, Map<String, Object> args) {
        return harness.callVar(name, args);
    }
}

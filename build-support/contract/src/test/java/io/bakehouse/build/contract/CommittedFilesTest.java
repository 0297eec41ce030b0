package io.bakehouse.build.contract;

import static org.junit.Assert.assertEquals;

import io.bakehouse.engine.contract.StepContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * The committed files made from the step contract (vars/, src/io/bakehouse/library/StepTable.groovy,
 * the tables of docs/steps.md) hold what the contract gives them. When this fails, run
 * {@code make contract} and commit what it rewrote.
 */
public class CommittedFilesTest {

    @Test
    public void filesMadeFromTheContract_areUpToDate() {
        Path root = Path.of(System.getProperty("bakehouse.root", "../.."));

        List<String> stale = RepositoryFiles.stale(StepContract.load(), root);

        assertEquals("stale: run `make contract` (it rewrites them from " + Sources.CONTRACT + ") and commit them",
                List.of(), stale);
    }
}

package io.bakehouse.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import groovy.lang.MissingMethodException;
import io.bakehouse.harness.StageResult.Status;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;

/** The harness's interpretation of declarative pipelines, on small inline pipelines. */
public class DeclarativeTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void run_failingStage_stopsLaterStagesAndRunsFailureAndAlwaysPosts() {
        PipelineRun run = library.harness().runPipeline(String.join("\n",
                "pipeline {",
                "  agent any",
                "  stages {",
                "    stage('one') { steps { echo 'one' } }",
                "    stage('two') { steps { sh 'exit 3' } }",
                "    stage('three') { steps { echo 'three' } }",
                "  }",
                "  post {",
                "    success { echo 'post success' }",
                "    failure { echo 'post failure' }",
                "    always { echo 'post always' }",
                "  }",
                "}"));
        assertEquals("FAILURE", run.result());
        assertEquals("script returned exit code 3", run.failure());
        assertEquals(List.of(Status.SUCCESS, Status.FAILURE, Status.NOT_RUN),
                run.stages().stream().map(StageResult::status).collect(Collectors.toList()));
        assertEquals(List.of("one", "post always", "post failure"), echoes());
    }

    @Test
    public void run_whenConditions_branchGlobsNotAndExpression() {
        library.harness().env().put("BRANCH_NAME", "release/1.2");
        PipelineRun run = library.harness().runPipeline(String.join("\n",
                "pipeline {",
                "  agent { label 'x' }",
                "  stages {",
                "    stage('release') { when { branch 'release/*' }; steps { echo 'r' } }",
                "    stage('not master') { when { not { branch 'master' } }; steps { echo 'n' } }",
                "    stage('expression') { when { expression { return false } }; steps { echo 'e' } }",
                "    stage('master') { when { branch 'master' }; steps { echo 'm' } }",
                "  }",
                "}"));
        assertEquals(List.of("release", "not master"), run.stagesThatRan());
        assertEquals(Status.SKIPPED, run.stage("master").status());
        assertEquals("x", run.agentLabel());
    }

    @Test
    public void run_environment_stageBlockIsScopedButEnvAssignmentLasts() {
        library.harness().runPipeline(String.join("\n",
                "pipeline {",
                "  agent any",
                "  environment { GREETING = 'hello'; TARGET = \"${GREETING} world\" }",
                "  stages {",
                "    stage('a') { environment { GREETING = 'hi' }; steps { script { env.KEPT = 'yes' }; echo \"${GREETING} ${TARGET}\" } }",
                "    stage('b') { steps { echo \"${GREETING} ${env.KEPT}\" } }",
                "  }",
                "}"));
        assertEquals(List.of("hi hello world", "hello yes"), echoes());
        assertNull("pipeline environment ends with the run", library.harness().env().get("GREETING"));
    }

    @Test
    public void run_optionsAreRecordedWithoutNestedDirectives() {
        PipelineRun run = library.harness().runPipeline(String.join("\n",
                "pipeline {",
                "  agent any",
                "  options { timeout(time: 5, unit: 'MINUTES'); buildDiscarder(logRotator(numToKeepStr: '3')) }",
                "  stages { stage('a') { steps { echo 'a' } } }",
                "}"));
        assertEquals(List.of("timeout", "buildDiscarder"),
                run.options().stream().map(Directive::name).collect(Collectors.toList()));
    }

    @Test
    public void run_unsupportedDirective_failsLoudly() {
        try {
            library.harness().runPipeline("pipeline { agent any\n stages { stage('p') { parallel { } } } }");
            fail("an unsupported directive was accepted");
        } catch (MissingMethodException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("parallel"));
        }
    }

    private List<String> echoes() {
        return library.harness().calls("echo").stream().map(c -> String.valueOf(c.arg("message")))
                .collect(Collectors.toList());
    }
}

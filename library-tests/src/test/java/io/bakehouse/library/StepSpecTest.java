package io.bakehouse.library;

import static io.bakehouse.harness.LibraryUnderTest.args;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.harness.LibraryUnderTest;
import org.junit.Rule;
import org.junit.Test;

/** Argument checks common to every step: unknown keys, several problems at once. */
public class StepSpecTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void problems_wrongCase_suggestsTheParameter() {
        assertTrue(library.failure("publishAmiParam", args("name", "/a", "amiID", "ami-1"))
                .contains("unknown parameter 'amiID' (did you mean 'amiId'?)"));
    }

    @Test
    public void problems_typo_suggestsTheClosestParameter() {
        assertTrue(library.failure("cfnDeploy", args("stack", "s", "template", "t", "capabilites", java.util.List.of()))
                .contains("unknown parameter 'capabilites' (did you mean 'capabilities'?)"));
    }

    @Test
    public void problems_unrelatedKey_listsTheKnownParameters() {
        String message = library.failure("ecsDeployRunner", args("container", "c", "script", "s", "invoker", "f", "image", "x"));
        assertEquals("ecsDeployRunner: unknown parameter 'image'; known parameters: container, script, args, invoker,"
                + " config, taskCpu, taskMemory, maxWaitTime, returnStatus, region, profile, roleArn, externalId, roleSessionName,"
                + " endpointUrl, credentialsId (see the ecsDeployRunner help page for every parameter)", message);
    }

    @Test
    public void problems_several_areAllReportedOnOneLine() {
        String message = library.failure("publishAmiParam", args("amiId", "a", "force", "yes", "labels", "x"));
        assertEquals("publishAmiParam: missing required parameter 'name'; 'labels' must be a list, e.g. ['a', 'b'],"
                + " got a string; 'force' must be a boolean (true or false), got a string (see the publishAmiParam"
                + " help page for every parameter)", message);
    }
}

package io.bakehouse.harness;

import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of every script the harness loads (each {@code vars/*.groovy} and the
 * Jenkinsfile): the pipeline steps they may call, each recorded and carried out by the
 * {@link PipelineHarness} bound to the script.
 */
public abstract class PipelineScript extends Script {

    PipelineHarness harness() {
        return (PipelineHarness) getBinding().getVariable(PipelineHarness.BINDING_NAME);
    }

    public Object sh(String script) {
        return sh(Map.of("script", script));
    }

    public Object sh(Map<String, Object> args) {
        return harness().sh(args);
    }

    public void error(Object message) {
        harness().record("error", Map.of("message", String.valueOf(message)));
        throw new PipelineFailure(String.valueOf(message));
    }

    public void echo(Object message) {
        harness().record("echo", Map.of("message", String.valueOf(message)));
        harness().log(String.valueOf(message));
    }

    public Object withEnv(List<?> entries, Closure<?> body) {
        return harness().withEnv(entries, body);
    }

    public Object withCredentials(List<?> bindings, Closure<?> body) {
        return harness().withCredentials(bindings, body);
    }

    public Map<String, Object> usernamePassword(Map<String, Object> args) {
        Map<String, Object> binding = new LinkedHashMap<>(args);
        binding.put("$class", "UsernamePasswordMultiBinding");
        return binding;
    }

    public Map<String, Object> aws(Map<String, Object> args) {
        Map<String, Object> binding = new LinkedHashMap<>(args);
        binding.put("$class", "AmazonWebServicesCredentialsBinding");
        return binding;
    }

    public Map<String, Object> string(Map<String, Object> args) {
        Map<String, Object> binding = new LinkedHashMap<>(args);
        binding.put("$class", "StringBinding");
        return binding;
    }

    public Object libraryResource(String path) {
        return harness().libraryResource(path);
    }

    public Object input(String message) {
        return input(Map.of("message", message));
    }

    public Object input(Map<String, Object> args) {
        return harness().input(args);
    }

    public void archiveArtifacts(String artifacts) {
        archiveArtifacts(Map.of("artifacts", artifacts));
    }

    public void archiveArtifacts(Map<String, Object> args) {
        harness().record("archiveArtifacts", args);
    }

    public Object timeout(Map<String, Object> args, Closure<?> body) {
        harness().record("timeout", args);
        return body.call();
    }

    /** Runs {@code body} in {@code path} under the workspace. */
    public Object dir(String path, Closure<?> body) {
        return harness().dir(path, body);
    }

    /** Deletes the current directory (the workspace, or the one {@code dir} entered) with its content. */
    public void deleteDir() {
        harness().deleteDir();
    }

    public void writeFile(Map<String, Object> args) {
        harness().writeFile(String.valueOf(args.get("file")), String.valueOf(args.get("text")));
    }

    /** Declarative's {@code script {}} block: scripted code inside {@code steps}. */
    public Object script(Closure<?> body) {
        return body.call();
    }

    /** Declarative's {@code pipeline {}}: interpreted, not executed as plain Groovy. */
    public void pipeline(Closure<?> body) {
        harness().runDeclarative(this, body);
    }
}

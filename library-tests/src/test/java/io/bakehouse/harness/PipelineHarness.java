package io.bakehouse.harness;

import groovy.lang.Closure;
import groovy.lang.Script;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.MethodClosure;

/**
 * A small Jenkins Pipeline for tests. Loads the real shared library (every {@code vars/*.groovy}
 * as a global variable, {@code src/} on the class path, {@code resources/} for
 * {@code libraryResource}) and the real Jenkinsfile (its declarative {@code pipeline {}}
 * interpreted by {@link Declarative}), records every step they call, and carries the steps
 * out: {@code sh} runs through a real shell, {@code withEnv}/{@code withCredentials} set the
 * environment of what runs inside them, {@code error} fails the build.
 */
public final class PipelineHarness {

    static final String BINDING_NAME = "__pipelineHarness";

    private final Path root;
    private final Path workspace;
    private final java.util.Deque<Path> directories = new java.util.ArrayDeque<>();
    private final EnvVars env = new EnvVars();
    private final CurrentBuild currentBuild = new CurrentBuild(42);
    private final PipelineBinding binding = new PipelineBinding(env);
    private final CompiledScripts scripts;
    private final List<StepCall> calls = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private Shell shell = Shell.bash();
    private boolean approveInput = true;
    private String stage;
    private PipelineRun lastRun;

    public PipelineHarness(Path root, Path workspace) {
        this.root = root;
        this.workspace = workspace;
        this.scripts = CompiledScripts.forRoot(root);
        binding.setVariable(BINDING_NAME, this);
        binding.setVariable("env", env);
        binding.setVariable("currentBuild", currentBuild);
        binding.setVariable("params", new LinkedHashMap<String, Object>());
        env.put("WORKSPACE", workspace.toString());
        env.put("BUILD_NUMBER", String.valueOf(currentBuild.getNumber()));
        loadVars();
    }

    /** The repository under test (set by the build; the module's parent directory). */
    public static Path repositoryRoot() {
        String root = System.getProperty("bakehouse.root");
        if (root == null) {
            throw new AssertionError("system property bakehouse.root is not set: run the tests through Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    public EnvVars env() {
        return env;
    }

    public CurrentBuild currentBuild() {
        return currentBuild;
    }

    public Path workspace() {
        return workspace;
    }

    public PipelineHarness useShell(Shell other) {
        this.shell = other;
        return this;
    }

    /** A Jenkins username/password credential (an AWS access key ID and secret key). */
    public PipelineHarness addUsernamePassword(String id, String username, String password) {
        currentBuild.getRawBuild().add(new RawBuild.UsernamePassword(id, username, password));
        return this;
    }

    /** A Jenkins Secret text credential. */
    public PipelineHarness addString(String id, String secret) {
        currentBuild.getRawBuild().add(new RawBuild.SecretText(id, secret));
        return this;
    }

    /** An AWS credential of the aws-credentials plugin; {@code mfaSerialNumber} may be null. */
    public PipelineHarness addAws(String id, String accessKey, String secretKey, String mfaSerialNumber) {
        currentBuild.getRawBuild().add(new RawBuild.Aws(id, accessKey, secretKey, mfaSerialNumber));
        return this;
    }

    /** Every {@code input} from now on is answered "Abort". */
    public PipelineHarness abortInput() {
        approveInput = false;
        return this;
    }

    /** Calls a global variable of the library, as {@code name(args)} in a Jenkinsfile. */
    public Object callVar(String name, Map<String, Object> args) {
        Object var = binding.getVariable(name);
        return ((Closure<?>) var).call(args);
    }

    /** Runs the repository's Jenkinsfile. */
    public PipelineRun runJenkinsfile() {
        return runJenkinsfile("Jenkinsfile");
    }

    /** Runs another pipeline file of the repository, e.g. {@code Jenkinsfile.containers}. */
    public PipelineRun runJenkinsfile(String name) {
        InvokerHelper.createScript(scripts.load(root.resolve(name)), binding).run();
        if (lastRun == null) {
            throw new AssertionError(name + " has no pipeline {} block");
        }
        return lastRun;
    }

    /** Runs a pipeline script given as text (tests of the harness itself). */
    public PipelineRun runPipeline(String text) {
        InvokerHelper.createScript(scripts.compile(text), binding).run();
        if (lastRun == null) {
            throw new AssertionError("the script has no pipeline {} block");
        }
        return lastRun;
    }

    public List<StepCall> calls() {
        return List.copyOf(calls);
    }

    public List<StepCall> calls(String name) {
        return calls.stream().filter(c -> c.name().equals(name)).collect(Collectors.toList());
    }

    public String log() {
        return log.toString();
    }

    void runDeclarative(PipelineScript script, Closure<?> body) {
        lastRun = new Declarative(this, script).run(body);
    }

    void enterStage(String name) {
        stage = name;
    }

    void record(String name, Map<String, Object> args) {
        calls.add(new StepCall(name, args, stage));
    }

    void log(String line) {
        log.append(line).append('\n');
    }

    Object sh(Map<String, Object> args) {
        record("sh", args);
        ShellResult result = shell.run(String.valueOf(args.get("script")), processEnvironment(), current());
        log.append(result.stderr());
        if (Boolean.TRUE.equals(args.get("returnStatus"))) {
            return result.exitCode();
        }
        if (result.exitCode() != 0) {
            log.append(result.stdout());
            throw new PipelineFailure("script returned exit code " + result.exitCode());
        }
        if (Boolean.TRUE.equals(args.get("returnStdout"))) {
            return result.stdout();
        }
        log.append(result.stdout());
        return null;
    }

    Object withEnv(List<?> entries, Closure<?> body) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("overrides", List.copyOf(entries));
        record("withEnv", args);
        Map<String, String> layer = new LinkedHashMap<>();
        for (Object entry : entries) {
            String text = String.valueOf(entry);
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new PipelineFailure("withEnv entry without NAME=: " + text);
            }
            layer.put(text.substring(0, eq), text.substring(eq + 1));
        }
        return inLayer(layer, body);
    }

    Object withCredentials(List<?> bindings, Closure<?> body) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("bindings", List.copyOf(bindings));
        record("withCredentials", args);
        Map<String, String> layer = new LinkedHashMap<>();
        for (Object binding : bindings) {
            Map<?, ?> b = (Map<?, ?>) binding;
            String id = String.valueOf(b.get("credentialsId"));
            Object credential = currentBuild.getRawBuild().credential(id);
            if ("StringBinding".equals(b.get("$class")) && credential instanceof RawBuild.SecretText text) {
                layer.put(String.valueOf(b.get("variable")), text.secret());
            } else if ("UsernamePasswordMultiBinding".equals(b.get("$class"))
                    && credential instanceof RawBuild.UsernamePassword userPassword) {
                layer.put(String.valueOf(b.get("usernameVariable")), userPassword.username());
                layer.put(String.valueOf(b.get("passwordVariable")), userPassword.password());
            } else if ("AmazonWebServicesCredentialsBinding".equals(b.get("$class")) && credential instanceof RawBuild.Aws aws) {
                layer.put(String.valueOf(b.get("accessKeyVariable")), aws.accessKey());
                layer.put(String.valueOf(b.get("secretKeyVariable")), aws.secretKey());
            } else {
                throw new PipelineFailure("Could not find credentials entry with ID '" + id + "'");
            }
        }
        return inLayer(layer, body);
    }

    /** Runs {@code body} with {@code layer} on top of the environment. */
    Object inLayer(Map<String, String> layer, Closure<?> body) {
        env.push(layer);
        try {
            return body.call();
        } finally {
            env.pop();
        }
    }

    /** The directory steps run in: the workspace, or where {@code dir} went. */
    private Path current() {
        return directories.isEmpty() ? workspace : directories.peek();
    }

    Object dir(String path, Closure<?> body) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("path", path);
        record("dir", args);
        directories.push(current().resolve(path).normalize());
        try {
            return body.call();
        } finally {
            directories.pop();
        }
    }

    void deleteDir() {
        record("deleteDir", new LinkedHashMap<>());
        Path dir = current();
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeFile(String file, String text) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("file", file);
        record("writeFile", args);
        Path p = current().resolve(file).normalize();
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object libraryResource(String path) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("resource", path);
        record("libraryResource", args);
        Path file = root.resolve("resources").resolve(path).normalize();
        if (!file.startsWith(root.resolve("resources")) || !Files.isRegularFile(file)) {
            throw new PipelineFailure("No such library resource " + path + " could be found.");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object input(Map<String, Object> args) {
        record("input", args);
        if (!approveInput) {
            throw new PipelineAborted("Rejected by the approver: " + args.get("message"));
        }
        return null;
    }

    private Map<String, String> processEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        // Nothing reaches real AWS: only what the test puts in env.
        environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("BAKEHOUSE_"));
        environment.putAll(env.effective());
        return environment;
    }

    private void loadVars() {
        try (Stream<Path> files = Files.list(root.resolve("vars"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".groovy")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.groovy$", "");
                Script var = InvokerHelper.createScript(scripts.load(file), binding);
                binding.setVariable(name, new MethodClosure(var, "call"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A class of the library's {@code src/}, e.g. {@code io.bakehouse.library.Steps}. */
    public Class<?> libraryClass(String name) {
        return scripts.loadClass(name);
    }

    /** The names of the library's global variables. */
    public List<String> varNames() {
        File[] files = root.resolve("vars").toFile().listFiles((dir, name) -> name.endsWith(".groovy"));
        List<String> names = new ArrayList<>();
        for (File f : files == null ? new File[0] : files) {
            names.add(f.getName().replaceFirst("\\.groovy$", ""));
        }
        names.sort(null);
        return names;
    }
}

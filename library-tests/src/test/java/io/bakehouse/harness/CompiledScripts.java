package io.bakehouse.harness;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * Compiles the library's scripts once per test run: each harness binds its own globals to
 * fresh script instances, so compiled classes can be shared. Scripts compile as pipeline
 * scripts: {@link PipelineScript} as base class, {@code src/} on the class path, and the
 * imports Jenkins adds ({@code @Library}, {@code @NonCPS}).
 */
final class CompiledScripts {

    private static final Map<Path, CompiledScripts> BY_ROOT = new ConcurrentHashMap<>();

    private final GroovyClassLoader loader;
    private final Map<Path, Class<?>> classes = new ConcurrentHashMap<>();

    private CompiledScripts(Path root) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(PipelineScript.class.getName());
        config.addCompilationCustomizers(new ImportCustomizer()
                .addImports("org.jenkinsci.plugins.workflow.libs.Library", "com.cloudbees.groovy.cps.NonCPS"));
        loader = new GroovyClassLoader(PipelineHarness.class.getClassLoader(), config);
        loader.addClasspath(root.resolve("src").toString());
    }

    static CompiledScripts forRoot(Path root) {
        return BY_ROOT.computeIfAbsent(root, CompiledScripts::new);
    }

    Class<?> load(Path script) {
        return classes.computeIfAbsent(script, this::compile);
    }

    /** Compiles a script given as text, afresh each time. */
    Class<?> compile(String text) {
        return loader.parseClass(new GroovyCodeSource(text, "InlinePipeline", "/inline/pipeline"), false);
    }

    Class<?> loadClass(String name) {
        try {
            return loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + name + " in the library's src/", e);
        }
    }

    private Class<?> compile(Path script) {
        try {
            String name = script.getFileName().toString().replaceFirst("\\.groovy$", "").replaceAll("[^A-Za-z0-9_]", "_");
            String text = Files.readString(script, StandardCharsets.UTF_8);
            return loader.parseClass(new GroovyCodeSource(text, name, script.toUri().toString()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

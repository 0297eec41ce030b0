package io.bakehouse.jenkins.build;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.Extension;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import jenkins.model.GlobalConfiguration;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Opens the assembled {@code bakehouse.hpi} and checks it is what maven-hpi-plugin would
 * have produced and what Jenkins expects to load (ClassicPluginStrategy, PluginWrapper,
 * ClassFilterImpl, the sezpoz extension index), with the Jenkins and plugin versions of the
 * distribution it is built against and tested in ({@code build-support/jenkins-dist/distribution.tsv}),
 * the same ones {@code plugin/pom.xml} names.
 */
public class HpiLayoutIT {

    @ClassRule
    public static final TemporaryFolder TEMP = new TemporaryFolder();

    private static final String PLUGIN_JAR = "WEB-INF/lib/bakehouse.jar";
    private static final Set<String> JENKINS_PACKAGES = Set.of("hudson/", "jenkins/", "org/jenkinsci/",
            "org/kohsuke/", "com/cloudbees/", "org/jvnet/hudson/", "net/java/sezpoz/", "com/google/common/");
    /** The plugins the .hpi depends on, in the order of its manifest. */
    private static final List<String> DEPENDENCIES = List.of("workflow-step-api", "credentials", "structs",
            "plain-credentials", "aws-credentials");
    /** Those of them that are optional: Bakehouse loads and works without them. */
    private static final Set<String> OPTIONAL = Set.of("aws-credentials");

    private static JarFile hpi;
    private static File pluginJar;
    private static Map<String, byte[]> pluginEntries;

    @BeforeClass
    public static void openHpi() throws IOException {
        File file = new File(System.getProperty("bakehouse.hpi", "target/bakehouse.hpi"));
        assertTrue("no .hpi at " + file, file.isFile());
        hpi = new JarFile(file);
        ZipEntry inner = hpi.getEntry(PLUGIN_JAR);
        assertNotNull(PLUGIN_JAR + " missing", inner);
        pluginJar = TEMP.newFile("bakehouse.jar");
        try (InputStream in = hpi.getInputStream(inner)) {
            Files.copy(in, pluginJar.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        pluginEntries = entries(Files.readAllBytes(pluginJar.toPath()));
    }

    private static Map<String, byte[]> entries(byte[] jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static void assertPluginManifest(String where, Attributes a) throws IOException {
        assertEquals(where, "bakehouse", a.getValue("Short-Name"));
        assertEquals(where, "Bakehouse", a.getValue("Long-Name"));
        assertEquals(where, System.getProperty("bakehouse.pluginVersion"), a.getValue("Plugin-Version"));
        Map<String, String> tested = Distribution.versions();
        assertEquals(where, tested.get("jenkins"), a.getValue("Jenkins-Version"));
        assertEquals(where, tested.get("jenkins"), a.getValue("Hudson-Version"));
        assertEquals(where, DEPENDENCIES.stream().map(d -> d + ":" + tested.get(d)
                        + (OPTIONAL.contains(d) ? ";resolution:=optional" : "")).toList(),
                Arrays.asList(a.getValue("Plugin-Dependencies").split(",")));
        assertEquals(where, null, a.getValue("Plugin-Class"));
        assertEquals(where, pomMaskClasses(), a.getValue("Mask-Classes"));
    }

    @Test
    public void manifest_hasThePluginAttributesJenkinsReads() throws IOException {
        assertPluginManifest("hpi manifest", hpi.getManifest().getMainAttributes());
    }

    @Test
    public void pluginPom_namesTheTestedVersions_forBuildsThatReachTheJenkinsRepository() throws IOException {
        String pom = Files.readString(Distribution.root().resolve("plugin/pom.xml"));
        Map<String, String> tested = Distribution.versions();
        String jenkins = tested.get("jenkins");
        String baseline = jenkins.substring(0, jenkins.lastIndexOf('.'));
        assertTrue(pom, pom.contains("<jenkins.baseline>" + baseline + "</jenkins.baseline>"));
        assertTrue(pom, pom.contains("<jenkins.version>${jenkins.baseline}" + jenkins.substring(baseline.length())
                + "</jenkins.version>"));
        for (String d : DEPENDENCIES) {
            String dependency = "<artifactId>" + d + "</artifactId>\n      <version>" + tested.get(d) + "</version>\n";
            assertTrue(d + " " + tested.get(d) + " in plugin/pom.xml", pom.contains(dependency));
            assertEquals(d + " optional in plugin/pom.xml", OPTIONAL.contains(d),
                    pom.contains(dependency + "      <optional>true</optional>"));
        }
    }

    /**
     * A bundled library class that Jenkins or a plugin of the distribution also carries would be
     * loaded from there (a plugin's class loader asks its dependencies first), in another version:
     * aws-credentials brings the AWS SDK 2, Jackson and SnakeYAML. Mask-Classes hides each such one.
     */
    @Test
    public void everyBundledClassThatJenkinsOrAPluginAlsoCarries_isMasked() throws IOException {
        Set<String> bundled = new TreeSet<>();
        for (JarEntry e : hpi.stream().filter(e -> e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")
                && !e.getName().equals(PLUGIN_JAR) && !e.getName().contains("bakehouse-engine")).toList()) {
            try (InputStream in = hpi.getInputStream(e)) {
                bundled.addAll(classNames(in.readAllBytes()));
            }
        }
        Set<String> shared = new TreeSet<>();
        for (File archive : distributionArchives()) {
            try (JarFile jar = new JarFile(archive)) {
                for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith("WEB-INF/lib/")
                        && e.getName().endsWith(".jar")).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        classNames(in.readAllBytes()).stream().filter(bundled::contains).forEach(shared::add);
                    }
                }
            }
        }
        List<String> masks = Arrays.asList(hpi.getManifest().getMainAttributes().getValue("Mask-Classes").split(" "));
        assertTrue("aws-credentials' SDK is in the distribution: " + shared,
                shared.contains("software.amazon.awssdk.core.SdkClient"));
        assertEquals("bundled classes that Jenkins or a plugin also carries, unmasked", List.of(),
                shared.stream().filter(c -> masks.stream().noneMatch(c::startsWith)).toList());
    }

    private static Set<String> classNames(byte[] jar) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String name : entries(jar).keySet()) {
            if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        return names;
    }

    /** The war and every plugin of the distribution. */
    private static List<File> distributionArchives() throws IOException {
        List<File> archives = new ArrayList<>();
        for (String[] row : Distribution.rows()) {
            archives.add(Distribution.folder().resolve(row[0]).toFile());
        }
        return archives;
    }

    /** The maskClasses plugin/pom.xml gives maven-hpi-plugin. */
    private static String pomMaskClasses() throws IOException {
        String pom = Files.readString(Distribution.root().resolve("plugin/pom.xml"));
        int start = pom.indexOf("<maskClasses>");
        assertTrue("plugin/pom.xml has no maskClasses", start >= 0);
        return pom.substring(start + "<maskClasses>".length(), pom.indexOf("</maskClasses>", start)).trim();
    }

    @Test
    public void pluginJar_carriesTheSameManifest_soJenkinsTrustsItsClasses() throws IOException {
        try (JarFile inner = new JarFile(pluginJar)) {
            Manifest manifest = inner.getManifest();
            assertNotNull("the plugin jar has no manifest", manifest);
            assertPluginManifest("plugin jar manifest", manifest.getMainAttributes());
        }
    }

    @Test
    public void webInfLib_bundlesTheEngineAndItsDependencies_butNoJenkinsProvidedJar() {
        List<String> jars = hpi.stream().map(ZipEntry::getName)
                .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar")).toList();
        assertTrue(jars.toString(), jars.contains("WEB-INF/lib/bakehouse-engine-" + System.getProperty("bakehouse.pluginVersion") + ".jar"));
        for (String expected : List.of("ssm-", "ec2-", "sts-", "url-connection-client-", "jackson-databind-")) {
            assertTrue(expected + " not bundled: " + jars, jars.stream().anyMatch(j -> j.startsWith("WEB-INF/lib/" + expected)));
        }
        for (String provided : List.of("bakehouse-jenkins-dist", "jenkins-core", "sezpoz", "guava", "junit", "slf4j-api",
                "workflow-step-api", "credentials", "structs", "plain-credentials", "winstone", "aws-java-sdk")) {
            assertFalse(provided + " must not be bundled: " + jars, jars.stream().anyMatch(j -> j.contains(provided)));
        }
        assertFalse("no unpacked classes", hpi.stream().anyMatch(e -> e.getName().startsWith("WEB-INF/classes/")));
    }

    @Test
    public void noJarInTheHpi_containsAJenkinsClass() throws IOException {
        List<String> offending = new ArrayList<>();
        for (JarEntry e : hpi.stream().filter(e -> e.getName().endsWith(".jar")).toList()) {
            byte[] bytes;
            try (InputStream in = hpi.getInputStream(e)) {
                bytes = in.readAllBytes();
            }
            for (String name : entries(bytes).keySet()) {
                if (name.endsWith(".class") && JENKINS_PACKAGES.stream().anyMatch(name::startsWith)) {
                    offending.add(e.getName() + "!" + name);
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    public void pluginJar_hasIndexJellyAndJava17Classes() {
        assertTrue(new String(pluginEntries.get("index.jelly"), StandardCharsets.UTF_8).contains("Bakehouse"));
        byte[] step = pluginEntries.get("io/bakehouse/jenkins/ssm/PublishAmiParamStep.class");
        assertEquals("class file major version (61 = Java 17)", 61, ((step[6] & 0xff) << 8) | (step[7] & 0xff));
    }

    @Test
    public void extensionIndex_listsExactlyTheAnnotatedExtensions() throws Exception {
        Set<String> indexed = new TreeSet<>();
        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {pluginJar.toURI().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, jarOnly)) {
                indexed.add(item.className());
            }
        }
        Set<String> annotated = new TreeSet<>();
        for (Class<?> c : pluginClasses()) {
            if (c.isAnnotationPresent(Extension.class)) {
                annotated.add(c.getName());
            }
        }
        assertEquals(Set.of("io.bakehouse.jenkins.BakehouseGlobalConfiguration",
                "io.bakehouse.jenkins.ssm.PublishAmiParamStep$DescriptorImpl",
                "io.bakehouse.jenkins.packer.PackerBuildStep$DescriptorImpl",
                "io.bakehouse.jenkins.runner.EcsDeployRunnerStep$DescriptorImpl",
                "io.bakehouse.jenkins.ecs.EcsServiceDeployStep$DescriptorImpl",
                "io.bakehouse.jenkins.cfn.CfnDeployStep$DescriptorImpl",
                "io.bakehouse.jenkins.site.PublishSiteStep$DescriptorImpl"), annotated);
        assertEquals(annotated, indexed);
    }

    @Test
    public void extensionIndex_coversEveryConcreteDescriptor() throws Exception {
        for (Class<?> c : pluginClasses()) {
            if (hudson.model.Descriptor.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                assertTrue(c.getName() + " is a descriptor without @Extension", c.isAnnotationPresent(Extension.class));
            }
        }
    }

    @Test
    public void symbolIndex_listsExactlyTheSymbolClasses() throws Exception {
        String index = new String(pluginEntries.get("META-INF/services/annotations/org.jenkinsci.Symbol"), StandardCharsets.UTF_8);
        Set<String> listed = new TreeSet<>(Arrays.asList(index.trim().split("\\s+")));
        Set<String> annotated = new TreeSet<>();
        for (Class<?> c : pluginClasses()) {
            if (c.isAnnotationPresent(Symbol.class)) {
                annotated.add(c.getName());
            }
        }
        assertEquals(annotated, listed);
        assertEquals(List.of("bakehouse"), Arrays.asList(Class.forName("io.bakehouse.jenkins.BakehouseGlobalConfiguration",
                false, getClass().getClassLoader()).getAnnotation(Symbol.class).value()));
    }

    @Test
    public void everyStep_hasConfigJellyAndHelpForEveryParameter() throws Exception {
        int steps = 0;
        for (Class<?> c : pluginClasses()) {
            if (Step.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                steps++;
                assertTrue(c + " has no config.jelly", pluginEntries.containsKey(folder(c) + "config.jelly"));
                assertTrue(c + " has no help.html", pluginEntries.containsKey(folder(c) + "help.html"));
                assertHelpForEveryParameter(c);
            }
        }
        assertTrue("no step found in the plugin jar", steps > 0);
    }

    @Test
    public void globalConfiguration_hasConfigJellyAndHelpForEverySetting() throws Exception {
        Class<?> config = Class.forName("io.bakehouse.jenkins.BakehouseGlobalConfiguration", false, getClass().getClassLoader());
        assertTrue(GlobalConfiguration.class.isAssignableFrom(config));
        assertTrue(pluginEntries.containsKey(folder(config) + "config.jelly"));
        assertEquals(List.of("invokerFunction", "region", "roleArn"), new ArrayList<>(assertHelpForEveryParameter(config)));
    }

    /** Checks help for each data-bound parameter (constructor names need -parameters); returns the names. */
    private static Set<String> assertHelpForEveryParameter(Class<?> c) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> k : c.getConstructors()) {
            if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : k.getParameters()) {
                    assertTrue(c + " was compiled without -parameters", p.isNamePresent());
                    names.add(p.getName());
                }
            }
        }
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        for (String name : names) {
            boolean found = false;
            for (Class<?> k = c; k != null && !found; k = k.getSuperclass()) {
                found = pluginEntries.containsKey(folder(k) + "help-" + name + ".html");
            }
            assertTrue(c.getSimpleName() + " has no help-" + name + ".html", found);
        }
        return names;
    }

    private static String folder(Class<?> c) {
        return c.getName().replace('.', '/').replace('$', '/') + "/";
    }

    private List<Class<?>> pluginClasses() throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : pluginEntries.keySet()) {
            if (name.endsWith(".class")) {
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                classes.add(Class.forName(className, false, getClass().getClassLoader()));
            }
        }
        return classes;
    }

}

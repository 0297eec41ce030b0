package io.bakehouse.engine.packer;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.concurrent.Beside;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.output.MaskingReporter;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.output.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Bakes an AMI with Packer, once per input: computes the bake key, reuses an AMI that already carries it,
 * otherwise runs {@code packer init} (when the template needs plugins and Packer has init) and
 * {@code build}, streams Packer's messages, and tags what it built with the key.
 *
 * <p>{@link #cancel()} stops a running build from any thread (a Jenkins step's {@code stop()}, a shutdown
 * hook): Packer gets SIGINT to clean up, and its process tree is killed after the grace period.
 */
public final class PackerBuilder {

    /** How long an interrupted Packer may take to delete its instance, key pair and security group. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(3);

    private final AwsClients clients;
    private final Reporter userReporter;
    private final PackerProcess process;

    public PackerBuilder(AwsClients clients, Reporter reporter) {
        this(clients, reporter, DEFAULT_GRACE);
    }

    public PackerBuilder(AwsClients clients, Reporter reporter, Duration grace) {
        this.clients = clients;
        this.userReporter = reporter;
        this.process = new PackerProcess(grace);
    }

    /** Stops the build: returns at once; {@link #build} then ends with {@link BuildCancelledException}. */
    public void cancel() {
        process.cancel();
    }

    public PackerBuildResult build(PackerBuildRequest request) {
        long started = System.nanoTime();
        clients.prepare(AwsClients::ec2); // built while the template is read and the key computed
        Instant deadline = Instant.now().plus(request.timeout());
        Path workingDir = workingDir(request);
        Template template = Template.read(workingDir.resolve(request.template()));
        checkVarFiles(request, workingDir);
        // Asking Packer for its version starts a process (unless the version is cached): it runs while
        // the key is computed and the AMIs are looked up.
        CompletableFuture<PackerBinary> locating = Beside.start("bakehouse-packer-version",
                () -> PackerBinary.locate(request.packer(), System.getenv("PATH"),
                        PackerVersionCache.standard(System.getenv())));
        String bakeKey = BakeKey.compute(template, request, workingDir);
        long keyed = System.nanoTime();
        Secrets secrets = new Secrets();
        Reporter reporter = new MaskingReporter(userReporter, secrets);
        BakedImages images = new BakedImages(clients, reporter);
        Optional<Map<String, String>> earlier = request.rebake() ? Optional.empty() : images.find(bakeKey);
        long lookedUp = System.nanoTime();
        PackerBinary packer = Beside.join(locating);
        reporter.detail("Timings: template and bake key " + ms(started, keyed) + " ms, earlier AMIs looked up in "
                + ms(keyed, lookedUp) + " ms, Packer's version ready after " + ms(started, System.nanoTime())
                + " ms (beside both)");
        try (PackerCommandLine commands = new PackerCommandLine(request, template, packer.path().toString(), bakeKey)) {
            commands.secretTexts().forEach(secrets::add);
            reporter.progress("Bake key " + bakeKey + " (template " + template.path().getFileName()
                    + ", Packer " + packer.version() + ")");
            if (!request.rebake()) {
                if (earlier.isPresent()) {
                    Map<String, String> amis = earlier.get();
                    reporter.progress("Reusing " + amis.get(clients.region()) + ": it was baked from the same inputs"
                            + " (bake key " + bakeKey + "); pass rebake (--rebake) to build anyway");
                    return new PackerBuildResult(amis.get(clients.region()), amis, List.of(), null, bakeKey, true);
                }
            }
            PackerRun run = new PackerRun(process, request, template, commands, packerEnvironment(secrets), workingDir,
                    deadline, reporter, secrets);
            if (template.requiresPlugins()) {
                run.init(packer);
            }
            // No separate `packer validate`: `packer build` checks the template and its variables
            // before any build starts, and a refusal then is reported as the template's.
            BuildOutput output = new BuildOutput(reporter);
            long building = System.nanoTime();
            int exit = run.build(output);
            reporter.detail("Timings: packer build ran " + ms(building, System.nanoTime()) + " ms");
            long after = System.nanoTime();
            if (exit != 0) {
                return failed(request, template, output, bakeKey, images, reporter, secrets);
            }
            PackerBuildResult result = finish(request, template, workingDir, output, bakeKey, images,
                    commands.passesBakeKey(), reporter, secrets);
            reporter.detail("Timings: the AMIs tagged and the manifest read in " + ms(after, System.nanoTime()) + " ms");
            return result;
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private PackerBuildResult finish(PackerBuildRequest request, Template template, Path workingDir, BuildOutput output,
                                     String bakeKey, BakedImages images, boolean templateTags, Reporter reporter,
                                     Secrets secrets) {
        Map<String, String> amis = output.amis();
        if (amis.isEmpty()) {
            throw BakehouseException.failure("Packer finished but built no AMI (artifacts: "
                    + (output.artifacts().isEmpty() ? "none" : secrets.mask(output.artifacts().toString())) + ")",
                    "check that the template has an Amazon builder and that only/except select it");
        }
        images.tag(amis, bakeKey);
        if (!templateTags) {
            reporter.detail("The template has no " + PackerBuildRequest.BAKE_KEY_VARIABLE
                    + " variable; Bakehouse tagged the AMIs after the build");
        }
        String amiId = amis.getOrDefault(clients.region(), amis.values().iterator().next());
        reporter.progress("Baked " + amiId + (amis.size() > 1 ? " (" + amis + ")" : "") + ", bake key " + bakeKey);
        return new PackerBuildResult(amiId, amis, output.artifacts(), manifest(request, template, workingDir),
                bakeKey, false);
    }

    /** The manifest the template's manifest post-processor wrote, if it has one and the file is there. */
    private static String manifest(PackerBuildRequest request, Template template, Path workingDir) {
        Map<String, String> vars = new HashMap<>(request.vars());
        String output = template.manifestOutput(vars);
        if (output == null) {
            return null;
        }
        Path path = workingDir.resolve(output).normalize();
        return Files.isRegularFile(path) ? path.toString() : null;
    }

    /** Packer and the commands it runs get our resolved identity and region, nothing of the ambient AWS_* set. */
    private Map<String, String> packerEnvironment(Secrets secrets) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PKR_VAR_"));
        AwsCredentials credentials;
        try {
            credentials = clients.credentialsProvider().resolveCredentials();
        } catch (SdkException e) {
            throw AwsErrors.translate("resolving the AWS credentials to give Packer", e);
        }
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        secrets.add(credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials session) {
            env.put("AWS_SESSION_TOKEN", session.sessionToken());
            secrets.add(session.sessionToken());
        }
        env.put("AWS_REGION", clients.region());
        env.put("AWS_DEFAULT_REGION", clients.region());
        env.putIfAbsent("CHECKPOINT_DISABLE", "1"); // no version check calls from build agents
        return env;
    }

    private static Path workingDir(PackerBuildRequest request) {
        Path dir = Path.of(request.workingDir() == null ? System.getProperty("user.dir") : request.workingDir())
                .toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("workingDir", "Working directory " + dir + " does not exist",
                    "pass an existing directory, or leave workingDir out to use the current one");
        }
        return dir;
    }

    private static void checkVarFiles(PackerBuildRequest request, Path workingDir) {
        for (String file : request.varFiles()) {
            if (!Files.isRegularFile(workingDir.resolve(file))) {
                throw new InvalidInputException("varFiles", "Var file " + workingDir.resolve(file) + " does not exist",
                        "check the path (relative paths start at workingDir)");
            }
        }
    }

    /**
     * A failed build: an AMI name left by an earlier run is reused when it carries this bake key and reported
     * as such otherwise; any other failure names the build and Packer's error.
     */
    private PackerBuildResult failed(PackerBuildRequest request, Template template, BuildOutput output, String bakeKey,
                                     BakedImages images, Reporter reporter, Secrets secrets) {
        BuildOutput.NameInUse clash = output.nameInUse();
        if (clash != null) {
            String region = clients.region();
            String key = images.availableKeyOf(region, clash.amiId());
            if (bakeKey.equals(key) && !request.rebake()) {
                reporter.progress("Reusing " + clash.amiId() + ": the AMI name " + clash.name()
                        + " is taken by an AMI of the same bake key, from an earlier run");
                return new PackerBuildResult(clash.amiId(), Map.of(region, clash.amiId()), List.of(), null, bakeKey,
                        true);
            }
            throw BakehouseException.failure("An AMI named " + clash.name() + " already exists (" + clash.amiId()
                    + (key == null ? ", without a bake key or not available" : ", bake key " + key)
                    + "), probably left by an earlier or interrupted run; nothing was built",
                    "deregister " + clash.amiId() + ", pass force (--force) to replace it, or give the AMI another name");
        }
        Map<String, String> errors = output.buildErrors();
        if (errors.isEmpty() && !output.buildsStarted()) {
            List<String> all = output.errors();
            String error = all.isEmpty() ? "no error message (see the output above)" : PackerRun.oneLine(all.get(0));
            throw BakehouseException.failure(secrets.mask("Packer rejected the template " + template.path().getFileName()
                    + ": " + error), PackerRun.hintFor(error));
        }
        String cause;
        if (!errors.isEmpty()) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            cause = "build " + first.getKey() + " failed: " + PackerRun.oneLine(first.getValue())
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        } else {
            List<String> all = output.errors();
            cause = all.isEmpty() ? "Packer exited with an error (see its output above)" : PackerRun.oneLine(all.get(0));
        }
        throw BakehouseException.failure(secrets.mask("Packer " + cause), PackerRun.hintFor(cause));
    }
}

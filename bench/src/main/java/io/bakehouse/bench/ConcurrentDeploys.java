package io.bakehouse.bench;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.cfn.CfnDeployRequest;
import io.bakehouse.engine.cfn.CfnDeployResult;
import io.bakehouse.engine.cfn.StackDeployer;
import io.bakehouse.engine.concurrent.CancelToken;
import io.bakehouse.engine.output.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deploys many stacks at once from one process: the engine's {@link StackDeployer} called once per
 * stack on a thread pool, all sharing one set of clients. Prints one line:
 * {@code deployed OK of N in MS ms; throttled polls retried: R; failures: F} and exits 1 if any
 * deploy failed. bench/scale.sh runs it against a throttling proxy.
 *
 * <p>Arguments: endpoint, template file, stack name prefix, number of stacks, threads.
 */
public final class ConcurrentDeploys {

    private ConcurrentDeploys() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ConcurrentDeploys ENDPOINT TEMPLATE PREFIX COUNT THREADS");
            System.exit(2);
        }
        String endpoint = args[0];
        String template = args[1];
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        AtomicInteger throttledPolls = new AtomicInteger();
        Reporter quiet = new Reporter() {
            @Override
            public void progress(String line) {
            }

            @Override
            public void warn(String line) {
            }

            @Override
            public void detail(String line) {
                if (line.contains("throttled")) {
                    throttledPolls.incrementAndGet();
                }
            }
        };
        AwsSettings settings = AwsSettings.defaults().withEndpointUrl(endpoint);
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int ok = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AwsClients clients = AwsClients.create(settings, AwsEnvironment.system())) {
            StackDeployer deployer = StackDeployer.of(clients, quiet);
            List<Future<CfnDeployResult>> results = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                CfnDeployRequest request = CfnDeployRequest.builder(prefix + i).template(template)
                        .params(Map.of("Value", "v" + i)).build();
                results.add(pool.submit(() -> deployer.deploy(request, CancelToken.NONE)));
            }
            for (int i = 0; i < results.size(); i++) {
                try {
                    CfnDeployResult result = results.get(i).get();
                    if ("CREATE_COMPLETE".equals(result.status())) {
                        ok++;
                    } else {
                        failures.add(prefix + (i + 1) + ": " + result.status());
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(prefix + (i + 1) + ": " + e.getCause().getMessage());
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("deployed " + ok + " of " + count + " in " + ms + " ms; throttled polls retried: "
                + throttledPolls.get() + "; failures: " + failures.size());
        failures.forEach(f -> System.err.println("failed: " + f));
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}

package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.output.Reporter;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The invoker Lambda's behaviour, free of the Lambda runtime: one JSON request in, one JSON
 * answer out. Refusals and failures are answers, never exceptions, so the caller always
 * learns exactly why.
 */
public final class InvokerService {

    private final DirectStarter starter;
    private final Reporter reporter;

    public InvokerService(RunnerConfig config, EcsClient ecs, Reporter reporter) {
        this.starter = new DirectStarter(config, ecs, reporter);
        this.reporter = reporter;
    }

    public String handle(String requestJson) {
        try {
            var request = InvokerProtocol.parse(requestJson, "the request");
            String action = InvokerProtocol.action(request);
            if (InvokerProtocol.DESCRIBE.equals(action)) {
                return Json.write(starter.describeContainers());
            }
            if (!InvokerProtocol.RUN.equals(action)) {
                return InvokerProtocol.error("unknown action '" + Rejection.shorten(action) + "' (use run or "
                        + InvokerProtocol.DESCRIBE + ")");
            }
            RunRequest run = InvokerProtocol.readRunRequest(request);
            reporter.progress("Request from " + run.requestedBy() + ": " + run.container() + " " + run.script()
                    + " " + run.args().size() + " argument(s)");
            return InvokerProtocol.started(starter.start(run));
        } catch (RejectedException e) {
            reporter.warn("Refused: " + e.rejection().message());
            return Json.write(e.rejection());
        } catch (BakehouseException e) {
            reporter.warn("Failed: " + e.getMessage());
            return InvokerProtocol.error(e.getMessage());
        }
    }
}

package io.bakehouse.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.bakehouse.engine.output.Reporter;

/** The Lambda face of the engine's reporter: lines go to the function's CloudWatch log. */
final class LambdaReporter implements Reporter {

    private final LambdaLogger logger;

    LambdaReporter(LambdaLogger logger) {
        this.logger = logger;
    }

    @Override
    public void progress(String line) {
        logger.log(line + "\n");
    }

    @Override
    public void warn(String line) {
        logger.log("WARNING " + line + "\n");
    }

    @Override
    public void detail(String line) {
        logger.log(line + "\n");
    }
}

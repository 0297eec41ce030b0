package io.bakehouse.cli;

import io.bakehouse.engine.aws.AwsClients;
import io.bakehouse.engine.aws.AwsEnvironment;
import io.bakehouse.engine.aws.AwsSettings;
import io.bakehouse.engine.error.InvalidInputException;
import io.bakehouse.engine.json.Json;
import io.bakehouse.engine.json.JsonValue;
import io.bakehouse.engine.output.MaskingReporter;
import io.bakehouse.engine.output.Reporter;
import io.bakehouse.engine.output.Secrets;
import picocli.CommandLine.Option;

/** The options every command takes: how to reach AWS and how to print. */
final class CommonOptions {

    enum Output { text, json }

    @Option(names = "--region", paramLabel = "REGION", description = Descriptions.Common.REGION)
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = Descriptions.Common.PROFILE)
    String profile;

    @Option(names = "--role-arn", paramLabel = "ARN", description = Descriptions.Common.ROLE_ARN)
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = Descriptions.Common.EXTERNAL_ID)
    String externalId;

    @Option(names = "--role-session-name", paramLabel = "NAME", description = Descriptions.Common.ROLE_SESSION_NAME)
    String roleSessionName;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = Descriptions.Common.ENDPOINT_URL)
    String endpointUrl;

    @Option(names = "--output", paramLabel = "FORMAT", description = Descriptions.Common.OUTPUT)
    Output output = Output.text;

    @Option(names = "--no-color", description = Descriptions.Common.NO_COLOR)
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = Descriptions.Common.VERBOSE)
    boolean verbose;

    AwsSettings awsSettings() {
        if (endpointUrl != null && endpointUrl.isBlank()) {
            // An empty value must not quietly mean "AWS itself": a script's unset variable often looks like this.
            throw new InvalidInputException("--endpoint-url", "--endpoint-url is empty",
                    "give the endpoint's URL (e.g. http://127.0.0.1:5000), or leave the option out to use AWS's own");
        }
        return new AwsSettings(region, profile, null, null, roleArn, externalId, roleSessionName, endpointUrl, false, 0);
    }

    /** Clients for these options in this environment; secrets they hold are added to {@code secrets}. */
    AwsClients clients(CliContext context) {
        return AwsClients.create(awsSettings(), new AwsEnvironment(context.env()));
    }

    Console console(CliContext context) {
        boolean color = !noColor && context.env().get("NO_COLOR") == null && context.terminal();
        return new Console(context.err(), color, verbose);
    }

    Reporter reporter(CliContext context) {
        Secrets secrets = context.secrets();
        return new MaskingReporter(console(context), secrets);
    }

    /** Prints the result: JSON on stdout, or the human summary. */
    void printResult(CliContext context, JsonValue result, String textSummary) {
        if (output == Output.json) {
            context.out().println(context.secrets().mask(Json.write(result)));
        } else {
            context.out().println(context.secrets().mask(textSummary));
        }
        context.out().flush();
    }
}

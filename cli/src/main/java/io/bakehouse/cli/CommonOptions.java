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

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION, then the profile's region).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile from the AWS config and credentials files.")
    String profile;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "IAM role to assume on top of the base credentials.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "External ID for --role-arn (default: BAKEHOUSE_EXTERNAL_ID, which keeps it off the command line).")
    String externalId;

    @Option(names = "--role-session-name", paramLabel = "NAME", description = "Session name for --role-arn (default: bakehouse-<time>).")
    String roleSessionName;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call here (e.g. a local emulator; default: AWS_ENDPOINT_URL).")
    String endpointUrl;

    @Option(names = "--output", paramLabel = "FORMAT", description = "Result format: ${COMPLETION-CANDIDATES} (default: text). json prints one object on stdout.")
    Output output = Output.text;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or stderr is not a terminal).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "More detail, and stack traces on errors.")
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

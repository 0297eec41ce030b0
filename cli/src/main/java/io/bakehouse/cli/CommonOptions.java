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

/** The options every command takes: how to reach AWS and how to print. */
final class CommonOptions {

    enum Output { text, json }

    String region;

    String profile;

    String roleArn;

    String externalId;

    String roleSessionName;

    String endpointUrl;

    Output output = Output.text;

    boolean noColor;

    boolean verbose;

    /** Declares these options in {@code m}, bound to these fields. */
    void declare(Model m) {
        m.option("--region").label("REGION").description(Descriptions.Common.REGION)
                .string(() -> region, v -> region = v);
        m.option("--profile").label("NAME").description(Descriptions.Common.PROFILE)
                .string(() -> profile, v -> profile = v);
        m.option("--role-arn").label("ARN").description(Descriptions.Common.ROLE_ARN)
                .string(() -> roleArn, v -> roleArn = v);
        m.option("--external-id").label("ID").description(Descriptions.Common.EXTERNAL_ID)
                .string(() -> externalId, v -> externalId = v);
        m.option("--role-session-name").label("NAME").description(Descriptions.Common.ROLE_SESSION_NAME)
                .string(() -> roleSessionName, v -> roleSessionName = v);
        m.option("--endpoint-url").label("URL").description(Descriptions.Common.ENDPOINT_URL)
                .string(() -> endpointUrl, v -> endpointUrl = v);
        m.option("--output").label("FORMAT").description(Descriptions.Common.OUTPUT)
                .choice(Output.class, () -> output, v -> output = v);
        m.option("--no-color").description(Descriptions.Common.NO_COLOR).flag(() -> noColor, v -> noColor = v);
        m.option("-v", "--verbose").description(Descriptions.Common.VERBOSE).flag(() -> verbose, v -> verbose = v);
    }

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

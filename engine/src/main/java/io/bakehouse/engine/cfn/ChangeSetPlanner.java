package io.bakehouse.engine.cfn;

import static io.bakehouse.engine.cfn.CfnCalls.serviceMessage;

import io.bakehouse.engine.concurrent.Beside;
import io.bakehouse.engine.error.AwsErrors;
import io.bakehouse.engine.error.BakehouseException;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Works out the change set a deployment creates from its template, and checks everything it
 * can before the first write: the local inputs, the stack's state (waiting for someone else's
 * operation to finish), the template's parameters and capabilities. Uploads a template too
 * large to send inline; changes nothing else. A preview checks the same and changes nothing.
 */
final class ChangeSetPlanner {

    private final CloudFormationApi api;
    private final Supplier<S3Client> s3;
    private final Supplier<SsmClient> ssm;
    private final String region;
    private final StackSettling settling;

    ChangeSetPlanner(CloudFormationApi api, Supplier<S3Client> s3, Supplier<SsmClient> ssm, String region,
                     StackSettling settling) {
        this.api = api;
        this.s3 = s3;
        this.ssm = ssm;
        this.region = region;
        this.settling = settling;
    }

    ChangeSetPlan plan(Deployment d) {
        CfnDeployRequest request = d.request();
        Checked c = check(d, true);
        TemplateSource.Local local = c.inputs().local();
        TemplateRef ref = c.url() != null ? c.url()
                : local.fitsInline() ? new TemplateRef(local.body(), null, request.template())
                : TemplateSource.upload(local, request.stack(), request.s3Bucket(), request.s3Prefix(), region, s3,
                d.reporter());
        c.given().report().forEach(d.reporter()::progress);
        d.checkCancelled("before anything was changed");
        return new ChangeSetPlan(c.existing(), c.replace(), c.create(), ref, c.parameters().values(),
                c.parameters().kept(), c.inputs().tags(), c.inputs().policy(), c.declared());
    }

    /**
     * The parameters {@link #plan} would give the change set, checked as it checks them, without
     * writing anything (not even a large template's upload) or waiting for a busy stack: its
     * parameters as they are now count.
     */
    ParameterPreview preview(Deployment d) {
        Checked c = check(d, false);
        return ParameterPreview.of(d.request(), c.existing(), c.create(), c.declared(), c.parameters(),
                c.given().sources(), c.inputs().tags(), d.secrets());
    }

    /** What {@link #check} learnt: the inputs, the stack, the template's parameters and the values for them. */
    private record Checked(DeployInputs inputs, SsmParameterValues given, StackState existing, boolean replace,
                           boolean create, TemplateRef url, List<TemplateParameter> declared, ParameterPlan parameters) {
    }

    /**
     * Everything a deployment checks before its first write: the local inputs, the {@code ssm:}
     * values, the stack's state, the template's capabilities and parameters. A stack busy with
     * someone else's operation is waited for when {@code waitForBusyStack}, else taken as it is.
     */
    private Checked check(Deployment d, boolean waitForBusyStack) {
        CfnDeployRequest request = d.request();
        DeployInputs inputs = DeployInputs.read(request);
        // Two independent reads: the stack (on another thread) while ssm: values are resolved.
        CompletableFuture<StackState> reading = Beside.start("bakehouse-stack-read", () -> settling.read(request.stack()));
        SsmParameterValues given = SsmParameterValues.resolve(inputs.given(), ssm, region);
        TemplateSource.Local local = inputs.local();

        StackState read = Beside.join(reading);
        StackState existing = waitForBusyStack ? settling.settled(d, read) : settling.updatable(d, read);
        boolean replace = existing != null && StackStatuses.failedCreate(existing.status());
        if (replace && !request.replaceFailedStack()) {
            throw BakehouseException.failure("Stack " + request.stack() + " is in " + existing.status()
                    + " after a failed create and can only be deleted; replacing it was turned off",
                    "delete it (`aws cloudformation delete-stack --stack-name " + request.stack()
                            + "`) or deploy without --no-replace-failed-stack");
        }
        boolean create = existing == null || replace || StackStatuses.REVIEW_IN_PROGRESS.equals(existing.status());
        Set<String> existingKeys = create ? null : existing.parameterKeys();

        // A local template was read, and its capabilities checked, with the other inputs; one in S3 is read now.
        TemplateRef url = local != null ? null
                : new TemplateRef(null, TemplateSource.normaliseUrl(request.template(), region), request.template());
        TemplateSummary summary = url == null ? local.summary() : summariseInS3(d, url);
        ParameterPlan parameters = ParameterPlan.of(request.template(), summary.parameters(), given.values(),
                given.sources(), inputs.keep(), existingKeys);
        parameters.secrets().forEach(d.secrets()::add);
        return new Checked(inputs, given, existing, replace, create, url, summary.parameters(), parameters);
    }

    /** What CloudFormation reads from a template in S3, with the capabilities it needs checked. */
    private TemplateSummary summariseInS3(Deployment d, TemplateRef ref) {
        d.reporter().detail("Reading the parameters and capabilities of template " + ref.origin());
        TemplateSummary summary;
        try {
            summary = api.summarise(ref);
        } catch (SdkException e) {
            if ("ValidationError".equals(AwsErrors.code(e))) {
                throw new InvalidInputException("template", "CloudFormation cannot read template " + ref.origin() + ": "
                        + serviceMessage(e) + "; nothing was changed", "check the URL and the template, then deploy again");
            }
            throw AwsErrors.translate("reading template " + ref.origin(), e);
        }
        Capabilities.require(d.request().capabilities(), summary);
        return summary;
    }
}

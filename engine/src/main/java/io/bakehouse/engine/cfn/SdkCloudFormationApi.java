package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.AwsErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.RollbackConfiguration;
import software.amazon.awssdk.services.cloudformation.model.RollbackTrigger;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** {@link CloudFormationApi} over the AWS SDK's CloudFormation client. */
public final class SdkCloudFormationApi implements CloudFormationApi {

    private final Supplier<CloudFormationClient> client;

    public SdkCloudFormationApi(CloudFormationClient cfn) {
        this(() -> cfn);
    }

    /** Asks {@code client} for the client at the first call (it may still be being built beside the caller). */
    public SdkCloudFormationApi(Supplier<CloudFormationClient> client) {
        this.client = client;
    }

    @Override
    public TemplateSummary summarise(TemplateRef template) {
        GetTemplateSummaryResponse r = cfn().getTemplateSummary(b -> {
            if (template.body() != null) {
                b.templateBody(template.body());
            } else {
                b.templateURL(template.url());
            }
        });
        List<TemplateParameter> parameters = new ArrayList<>();
        r.parameters().forEach(p -> parameters.add(new TemplateParameter(p.parameterKey(), p.parameterType(),
                p.defaultValue() != null, Boolean.TRUE.equals(p.noEcho()),
                p.parameterConstraints() == null ? List.of() : p.parameterConstraints().allowedValues())));
        Map<String, String> capabilities = new LinkedHashMap<>();
        r.capabilitiesAsStrings().forEach(c -> capabilities.put(c, r.capabilitiesReason()));
        return new TemplateSummary(parameters, capabilities);
    }

    @Override
    public Optional<StackState> describeStack(String stack) {
        Stack s;
        try {
            List<Stack> stacks = cfn().describeStacks(r -> r.stackName(stack)).stacks();
            if (stacks.isEmpty()) {
                return Optional.empty();
            }
            s = stacks.get(0);
        } catch (CloudFormationException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        s.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        Set<String> keys = new LinkedHashSet<>();
        s.parameters().forEach(p -> keys.add(p.parameterKey()));
        return Optional.of(new StackState(s.stackId(), s.stackStatusAsString(), s.stackStatusReason(), outputs, keys,
                Boolean.TRUE.equals(s.enableTerminationProtection())));
    }

    static boolean notFound(CloudFormationException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return "ValidationError".equals(AwsErrors.code(e)) && message != null && message.contains("does not exist");
    }

    @Override
    public String createChangeSet(ChangeSetSpec spec) {
        CfnDeployRequest req = spec.request();
        CreateChangeSetRequest.Builder b = CreateChangeSetRequest.builder()
                .stackName(spec.stack())
                .changeSetName(spec.name())
                .changeSetType(spec.create() ? ChangeSetType.CREATE : ChangeSetType.UPDATE)
                .description("bakehouse cfn-deploy")
                .parameters(parameters(spec.parameters()))
                .capabilitiesWithStrings(req.capabilities())
                .notificationARNs(req.notificationArns())
                .tags(tags(spec.tags()));
        if (spec.template().body() != null) {
            b.templateBody(spec.template().body());
        } else {
            b.templateURL(spec.template().url());
        }
        if (req.cfnRoleArn() != null) {
            b.roleARN(req.cfnRoleArn());
        }
        if (spec.create() && req.onFailure() != null) {
            b.onStackFailure(req.onFailure());
        }
        if (!req.rollbackAlarms().isEmpty() || req.monitoringMinutes() != null) {
            List<RollbackTrigger> triggers = new ArrayList<>();
            req.rollbackAlarms().forEach(a -> triggers.add(RollbackTrigger.builder().arn(a)
                    .type("AWS::CloudWatch::Alarm").build()));
            RollbackConfiguration.Builder rc = RollbackConfiguration.builder().rollbackTriggers(triggers);
            if (req.monitoringMinutes() != null) {
                rc.monitoringTimeInMinutes(req.monitoringMinutes());
            }
            b.rollbackConfiguration(rc.build());
        }
        return cfn().createChangeSet(b.build()).id();
    }

    private static List<Parameter> parameters(Map<String, String> values) {
        List<Parameter> list = new ArrayList<>();
        values.forEach((k, v) -> list.add(v == null
                ? Parameter.builder().parameterKey(k).usePreviousValue(true).build()
                : Parameter.builder().parameterKey(k).parameterValue(v).build()));
        return list;
    }

    private static List<Tag> tags(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        return list;
    }

    @Override
    public ChangeSetView describeChangeSet(String stack, String changeSet) {
        List<ChangeRow> rows = new ArrayList<>();
        String token = null;
        DescribeChangeSetResponse r;
        do {
            String next = token;
            r = cfn().describeChangeSet(b -> b.stackName(stack).changeSetName(changeSet).nextToken(next));
            for (Change c : r.changes()) {
                ResourceChange rc = c.resourceChange();
                if (rc != null) {
                    rows.add(new ChangeRow(rc.actionAsString(), rc.logicalResourceId(), rc.resourceType(),
                            rc.replacementAsString()));
                }
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        Map<String, String> parameters = new LinkedHashMap<>();
        r.parameters().forEach(p -> parameters.put(p.parameterKey(),
                Boolean.TRUE.equals(p.usePreviousValue()) ? null : p.parameterValue()));
        return new ChangeSetView(r.changeSetId(), r.changeSetName(), r.stackId(), r.statusAsString(),
                r.statusReason(), r.executionStatusAsString(), rows, parameters);
    }

    @Override
    public void executeChangeSet(String stack, String changeSet, boolean disableRollback) {
        cfn().executeChangeSet(b -> {
            b.stackName(stack).changeSetName(changeSet);
            if (disableRollback) {
                b.disableRollback(true);
            }
        });
    }

    @Override
    public void deleteChangeSet(String stack, String changeSet) {
        cfn().deleteChangeSet(b -> b.stackName(stack).changeSetName(changeSet));
    }

    @Override
    public void deleteStack(String stack) {
        cfn().deleteStack(b -> b.stackName(stack));
    }

    @Override
    public void cancelUpdate(String stack) {
        cfn().cancelUpdateStack(b -> b.stackName(stack));
    }

    @Override
    public void setStackPolicy(String stack, String policyBody) {
        cfn().setStackPolicy(b -> b.stackName(stack).stackPolicyBody(policyBody));
    }

    @Override
    public void enableTerminationProtection(String stack) {
        cfn().updateTerminationProtection(b -> b.stackName(stack).enableTerminationProtection(true));
    }

    @Override
    public List<StackEvent> eventsAfter(String stack, String afterEventId, int limit) {
        List<StackEvent> newestFirst = new ArrayList<>();
        String token = null;
        outer:
        do {
            String next = token;
            DescribeStackEventsResponse r = cfn().describeStackEvents(b -> b.stackName(stack).nextToken(next));
            for (software.amazon.awssdk.services.cloudformation.model.StackEvent e : r.stackEvents()) {
                if (e.eventId().equals(afterEventId) || newestFirst.size() >= limit) {
                    break outer;
                }
                newestFirst.add(new StackEvent(e.eventId(), e.timestamp(), e.logicalResourceId(), e.resourceType(),
                        e.resourceStatusAsString(), e.resourceStatusReason()));
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public String newestEventId(String stack) {
        List<software.amazon.awssdk.services.cloudformation.model.StackEvent> events =
                cfn().describeStackEvents(b -> b.stackName(stack)).stackEvents();
        return events.isEmpty() ? null : events.get(0).eventId();
    }

    private CloudFormationClient cfn() {
        return client.get();
    }
}

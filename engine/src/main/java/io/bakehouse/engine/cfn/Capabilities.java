package io.bakehouse.engine.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import io.bakehouse.engine.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capabilities a template needs and the deployment acknowledged. What a template needs
 * follows CloudFormation's rules for change sets (the CreateChangeSet API reference):
 * <ul>
 *   <li>{@code CAPABILITY_IAM} for resources that can change permissions (the eight IAM types below);</li>
 *   <li>{@code CAPABILITY_NAMED_IAM} when one of them has a custom name;</li>
 *   <li>{@code CAPABILITY_AUTO_EXPAND} for macros (a {@code Transform}, {@code Fn::Transform}) together
 *       with nested stacks; macros alone need nothing in a change set.</li>
 * </ul>
 * What a macro expands to is not known here: CloudFormation names what that needs when it
 * refuses the change set.
 */
final class Capabilities {

    static final String IAM = "CAPABILITY_IAM";
    static final String NAMED_IAM = "CAPABILITY_NAMED_IAM";
    static final String AUTO_EXPAND = "CAPABILITY_AUTO_EXPAND";

    /** IAM resource type → the property that gives it a custom name ("" for types without one). */
    private static final Map<String, String> IAM_TYPES = Map.of(
            "AWS::IAM::AccessKey", "",
            "AWS::IAM::Group", "GroupName",
            "AWS::IAM::InstanceProfile", "InstanceProfileName",
            "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
            "AWS::IAM::Policy", "",
            "AWS::IAM::Role", "RoleName",
            "AWS::IAM::User", "UserName",
            "AWS::IAM::UserToGroupAddition", "");
    private static final List<String> NESTED_STACK_TYPES = List.of("AWS::CloudFormation::Stack",
            "AWS::Serverless::Application");
    private static final String FOR_EACH = "Fn::ForEach::";

    private Capabilities() {
    }

    /** The capabilities {@code template} needs, each with the resources that need it. */
    static Map<String, String> needed(JsonNode template) {
        List<String> iam = new ArrayList<>();
        List<String> named = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        resources(template.path("Resources"), (id, resource) -> {
            String type = resource.path("Type").asText("");
            String nameProperty = IAM_TYPES.get(type);
            if (nameProperty != null) {
                boolean custom = !nameProperty.isEmpty() && hasValue(resource.path("Properties").path(nameProperty));
                (custom ? named : iam).add(id);
            }
            if (NESTED_STACK_TYPES.contains(type)) {
                nested.add(id);
            }
        });
        Map<String, String> needed = new LinkedHashMap<>();
        if (!named.isEmpty()) {
            needed.put(NAMED_IAM, "IAM resources with custom names: " + String.join(", ", named));
        } else if (!iam.isEmpty()) {
            needed.put(IAM, "IAM resources: " + String.join(", ", iam));
        }
        Set<String> macros = macros(template);
        if (!macros.isEmpty() && !nested.isEmpty()) {
            needed.put(AUTO_EXPAND, "macros (" + String.join(", ", macros) + ") with nested stacks: "
                    + String.join(", ", nested));
        }
        return needed;
    }

    /** Fails, naming them, when the template needs capabilities that were not given. */
    static void require(List<String> given, TemplateSummary summary) {
        List<String> missing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        summary.capabilities().forEach((capability, reason) -> {
            boolean covered = given.contains(capability) || IAM.equals(capability) && given.contains(NAMED_IAM);
            if (!covered) {
                missing.add(capability);
                if (reason != null && !reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
        });
        if (!missing.isEmpty()) {
            throw missing(missing, String.join("; ", reasons));
        }
    }

    static InvalidInputException missing(List<String> missing, String reason) {
        return new InvalidInputException("capabilities", "the template needs " + String.join(" and ", missing)
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")") + "; nothing was changed",
                "acknowledge it with --capability " + missing.get(0) + " (capabilities)");
    }

    private interface ResourceVisitor {
        void visit(String logicalId, JsonNode resource);
    }

    /** Every resource, also those an {@code Fn::ForEach} loop (AWS::LanguageExtensions) writes. */
    private static void resources(JsonNode section, ResourceVisitor visitor) {
        section.properties().forEach(e -> {
            if (e.getKey().startsWith(FOR_EACH)) {
                resources(e.getValue().path(2), visitor); // [identifier, collection, fragment]
            } else if (e.getValue().isObject()) {
                visitor.visit(e.getKey(), e.getValue());
            }
        });
    }

    /** A property given a value; {@code !Ref AWS::NoValue} leaves it out. */
    private static boolean hasValue(JsonNode property) {
        return !property.isMissingNode() && !property.isNull()
                && !"AWS::NoValue".equals(property.path("Ref").asText(null));
    }

    /** The macros the template runs: its {@code Transform} section and every {@code Fn::Transform}. */
    private static Set<String> macros(JsonNode template) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode transform = template.path("Transform");
        if (transform.isArray()) {
            transform.forEach(t -> names.add(macroName(t)));
        } else if (!transform.isMissingNode() && !transform.isNull()) {
            names.add(macroName(transform));
        }
        template.properties().forEach(e -> {
            if (!e.getKey().equals("Transform")) {
                inlineTransforms(e.getValue(), names);
            }
        });
        return names;
    }

    private static void inlineTransforms(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("Fn::Transform")) {
                    names.add(macroName(e.getValue()));
                }
                inlineTransforms(e.getValue(), names);
            });
        } else if (node.isArray()) {
            node.forEach(child -> inlineTransforms(child, names));
        }
    }

    private static String macroName(JsonNode transform) {
        return transform.isObject() ? transform.path("Name").asText("a macro") : transform.asText();
    }
}

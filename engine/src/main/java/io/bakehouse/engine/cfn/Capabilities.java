package io.bakehouse.engine.cfn;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** The capabilities a template needs and the deployment acknowledged. */
final class Capabilities {

    private Capabilities() {
    }

    /** Fails, naming them, when the template needs capabilities that were not given. */
    static void require(List<String> given, TemplateCheck check) {
        List<String> missing = new ArrayList<>(check.capabilities());
        missing.removeAll(given);
        if (missing.contains("CAPABILITY_IAM") && given.contains("CAPABILITY_NAMED_IAM")) {
            missing.remove("CAPABILITY_IAM"); // NAMED_IAM includes IAM
        }
        if (!missing.isEmpty()) {
            throw missing(missing, check.capabilitiesReason());
        }
    }

    static InvalidInputException missing(List<String> missing, String reason) {
        return new InvalidInputException("capabilities", "the template needs " + String.join(" and ", missing)
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")") + "; nothing was changed",
                "acknowledge it with --capability " + missing.get(0) + " (capabilities)");
    }
}

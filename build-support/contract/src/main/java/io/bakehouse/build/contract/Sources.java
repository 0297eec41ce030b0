package io.bakehouse.build.contract;

import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Markup;
import io.bakehouse.engine.contract.ResultKey;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** What the generated files share: where the contract is, and how a result reads. */
final class Sources {

    /** The contract's files, from the repository root. */
    static final String CONTRACT = "engine/src/main/resources/" + StepContract.RESOURCES;

    private Sources() {
    }

    /** {@code `name`, `region` (the region of the first AMI), ...}: a step's result keys with what they hold. */
    static Markup results(Step step) {
        List<String> keys = new ArrayList<>();
        for (ResultKey r : step.results()) {
            keys.add("`" + r.name() + "`" + (r.description() == null ? "" : " (" + r.description().source() + ")"));
        }
        return Markup.of(String.join(", ", keys));
    }

    /** The text of a help page's block of code: {@code & < >} escaped, the rest as written. */
    static String pre(String code) {
        return code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The spelling of references on a pipeline face's pages. */
    static UnaryOperator<String> pipeline(StepContract contract, Step step) {
        return contract.spelling(step, Face.LIBRARY);
    }
}

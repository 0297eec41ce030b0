package io.bakehouse.engine.contract;

import java.util.List;
import java.util.Map;

/**
 * A step of the contract (or, named {@code common}, the parameters every step takes).
 *
 * @param name           the pipeline step's name, e.g. {@code cfnDeploy}
 * @param command        the CLI's subcommand, e.g. {@code cfn-deploy} ({@code null} for the common parameters)
 * @param summary        what the step does, for its help pages
 * @param request        the engine record most parameters land in (fully qualified)
 * @param result         the engine's result type (fully qualified), or {@code null}
 * @param notParameters  components of {@link #request} that no parameter sets, each with why
 * @param exactlyOne     groups of parameters of which exactly one is given
 * @param jenkinsClass   the plugin's step class (for the common parameters: their base class)
 * @param jenkinsSection for the common parameters: the title of their section of the Jenkins form
 * @param notes          paragraphs for a face's help page, by face key ({@code jenkins}, {@code library},
 *                       {@code pipeline} for both, {@code cli})
 * @param example        a pipeline call, for the help pages
 * @param parameters     its own parameters, in order
 * @param results        the keys of its result, in order
 */
public record Step(String name, String command, Markup summary, String request, String result,
                   Map<String, String> notParameters, List<List<String>> exactlyOne, String jenkinsClass,
                   String jenkinsSection, Map<String, List<Markup>> notes, String example,
                   List<Parameter> parameters, List<ResultKey> results) {

    public Step {
        notParameters = Map.copyOf(notParameters);
        exactlyOne = exactlyOne.stream().map(List::copyOf).toList();
        notes = Map.copyOf(notes);
        parameters = List.copyOf(parameters);
        results = List.copyOf(results);
    }

    /** Its own parameter {@code name}, or {@code null}. */
    public Parameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** The paragraphs for {@code face}'s help page: the pipeline ones (for a pipeline face), then the face's own. */
    public List<Markup> notes(Face face) {
        List<Markup> all = new java.util.ArrayList<>();
        if (face.pipeline()) {
            all.addAll(notes.getOrDefault("pipeline", List.of()));
        }
        all.addAll(notes.getOrDefault(face.key(), List.of()));
        return all;
    }

    /** The group of exactly-one parameters {@code name} belongs to, or an empty list. */
    public List<String> exactlyOneOf(String name) {
        return exactlyOne.stream().filter(g -> g.contains(name)).findFirst().orElse(List.of());
    }
}

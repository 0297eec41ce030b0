package io.bakehouse.engine.contract;

import java.util.Map;
import java.util.Set;

/**
 * A parameter of a step, as every face takes it.
 *
 * @param name           the camelCase name (the pipeline steps' parameter, the engine's field)
 * @param type           its type
 * @param of             what a list or map holds, in words (e.g. {@code region → AMI}), or {@code null}
 * @param faces          the faces that take it
 * @param required       whether every call must give it
 * @param requiredUnless the parameter whose presence makes it optional, or {@code null}
 * @param defaultValue   the default as a literal value (shown as code), or {@code null}
 * @param defaultText    the default in words, or {@code null}
 * @param description    what it is, in every face
 * @param details        more, for the help pages and the docs (not the CLI's one-screen help), or {@code null}
 * @param example        a pipeline snippet for its Jenkins help page, or {@code null}
 * @param engine         where the engine takes it: a component of the step's request, or
 *                       {@code Type#member} (a record component, a public method or one of its
 *                       parameters), or {@code none} for a face's own presentation option
 * @param faceTexts      what a face says differently, by face key ({@code jenkins}, {@code library},
 *                       {@code cli}, {@code pipeline} for both pipeline faces)
 * @param absent         for a face that does not take it: why
 * @param jenkins        its field in the Jenkins form, or {@code null} when it has none
 * @param cli            how the CLI spells it, or {@code null} when the CLI does not take it
 */
public record Parameter(String name, ParamType type, String of, Set<Face> faces, boolean required,
                        String requiredUnless, String defaultValue, Markup defaultText, Markup description,
                        Markup details, String example, String engine, Map<String, FaceText> faceTexts,
                        Map<Face, String> absent, JenkinsField jenkins, CliSpelling cli) {

    /**
     * A field of the Snippet Generator's form.
     *
     * @param label  its title
     * @param widget {@code textbox}, {@code number}, {@code checkbox} or {@code credentials}
     */
    public record JenkinsField(String label, String widget) {
    }

    /**
     * How the CLI spells a parameter, where the rule (camelCase to kebab-case, a list or map in
     * the singular, repeated) is not all of it.
     *
     * @param option  the option's name, when not derived from the parameter's
     * @param aliases other names
     * @param label   what stands for the value in the help
     * @param form    {@code null} (the rule), {@code positional} (after {@code --}), {@code joined} (a map
     *                as one {@code K=V,K=V} value) or {@code secret-pairs} (a map whose values the CLI reads
     *                from the environment, {@code --NAME-env K=ENVVAR}, or a file, {@code --NAME-file K=FILE})
     * @param env     for {@code secret-pairs}: the {@code -env} option's label and description
     * @param file    for {@code secret-pairs}: the {@code -file} option's label and description
     */
    public record CliSpelling(String option, java.util.List<String> aliases, String label, String form,
                              SubOption env, SubOption file) {
        public CliSpelling {
            aliases = java.util.List.copyOf(aliases);
        }
    }

    /** One of a {@code secret-pairs} parameter's two options. */
    public record SubOption(String label, Markup description) {
    }

    public Parameter {
        faces = Set.copyOf(faces);
        faceTexts = Map.copyOf(faceTexts);
        absent = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(absent)); // in the file's order
    }

    /** Whether {@code face} takes it. */
    public boolean in(Face face) {
        return faces.contains(face);
    }

    /** The description, details (not on the command line) and notes {@code face} shows. */
    public Markup text(Face face) {
        FaceText own = faceTexts.getOrDefault(face.key(), FaceText.NONE);
        FaceText pipeline = face.pipeline() ? faceTexts.getOrDefault("pipeline", FaceText.NONE) : FaceText.NONE;
        Markup base = own.description() != null ? own.description()
                : pipeline.description() != null ? pipeline.description() : description;
        return Markup.join(base, face == Face.CLI ? null : details, pipeline.note(), own.note());
    }

    /** The default {@code face} applies when the parameter is not given, or {@code null} (none, or required). */
    public Markup defaultFor(Face face) {
        FaceText own = faceTexts.getOrDefault(face.key(), FaceText.NONE);
        FaceText pipeline = face.pipeline() ? faceTexts.getOrDefault("pipeline", FaceText.NONE) : FaceText.NONE;
        if (own.defaultText() != null) {
            return own.defaultText();
        }
        if (pipeline.defaultText() != null) {
            return pipeline.defaultText();
        }
        return genericDefault();
    }

    /** The default every face applies unless it says otherwise, or {@code null}. */
    public Markup genericDefault() {
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue != null) {
            return Markup.of("`" + defaultValue + "`");
        }
        return type == ParamType.BOOLEAN ? Markup.of("`false`") : null;
    }

    /**
     * The sentence a help page gives the default ({@code Default: `60m`.}), or {@code null} when
     * there is none to tell (a flag's false is no news).
     */
    public Markup defaultSentence(Face face) {
        Markup d = defaultFor(face);
        if (d == null || (type == ParamType.BOOLEAN && d.source().equals("`false`"))) {
            return null;
        }
        return Markup.join(Markup.of("Default:"), Markup.of(d.source() + "."));
    }

    /** The sentence a help page gives a conditional requirement, or {@code null}. */
    public Markup requirementSentence() {
        return requiredUnless == null ? null : Markup.of("Required unless {" + requiredUnless + "} is given.");
    }

    /** The CLI's spelling of this parameter's name by the rule: {@code amiId} → {@code ami-id}, {@code labels} → {@code label} when repeated. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A list or map's name in the singular, as one repeated option names one element: {@code capabilities} → {@code capability}. */
    static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }
}

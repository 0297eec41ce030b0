package io.bakehouse.engine.contract;

import java.util.List;

/**
 * One option (or positional word) of the CLI that sets a parameter.
 *
 * @param parameter the parameter it sets
 * @param name      {@code --ami-id}; for a positional parameter its label
 * @param aliases   other names of the option, e.g. {@code -v}
 * @param label     what stands for the value in the help ({@code AMI}, {@code KEY=VALUE}), or {@code null} for a flag
 * @param kind      how the option takes its value
 * @param text      its description in the CLI's help, plain text
 */
public record CliOption(String parameter, String name, List<String> aliases, String label, Kind kind, String text) {

    /** How an option takes its value. */
    public enum Kind {
        /** {@code --name}: true when given (false by default) */
        FLAG,
        /** {@code --[no-]name}: true by default */
        NEGATABLE,
        /** {@code --name VALUE}, once */
        VALUE,
        /** {@code --item VALUE}, once per list element */
        REPEATED,
        /** {@code --item KEY=VALUE}, once per map entry */
        PAIRS,
        /** a word after the options (after {@code --}) */
        POSITIONAL
    }

    public CliOption {
        aliases = List.copyOf(aliases);
    }

    /** How the help and the docs show it: {@code --tag KEY=VALUE}, {@code --[no-]replace-failed-stack}, {@code CONTAINER}. */
    public String usage() {
        if (kind == Kind.POSITIONAL) {
            return label;
        }
        if (kind == Kind.NEGATABLE) {
            return "--[no-]" + name.substring(2);
        }
        return label == null ? name : name + " " + label;
    }
}

package io.bakehouse.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's picocli model, declared in code: each option is bound to its field by a setter and a
 * getter. picocli can read the same model from annotations, but that costs a step's start about
 * 40 ms: the JDK makes a proxy class for every annotation type and generates method-handle classes
 * for the reflection, none of which Java's class caches hold (bench/README.md). Nothing here reads
 * an annotation or reflects on a class.
 */
final class Model {

    private final CommandSpec spec;

    private Model(CommandSpec spec) {
        this.spec = spec;
    }

    /**
     * The model of {@code command}, named {@code name}, whose usage shows {@code description} and
     * {@code footer}, with its options in the order they are declared.
     */
    static Model of(Object command, String name, String[] description, String[] footer) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description).footer(footer).sortOptions(false);
        return new Model(spec);
    }

    Model version(IVersionProvider provider) {
        spec.versionProvider(provider);
        return this;
    }

    /** An option named {@code names} (the longest first in messages, as picocli does). */
    Option option(String... names) {
        return new Option(OptionSpec.builder(names));
    }

    /** The positional parameters: every word after the options, as a list. */
    void positionals(String label, String description, Supplier<List<String>> get, Consumer<List<String>> set) {
        spec.addPositional(PositionalParamSpec.builder().paramLabel(label).arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).description(description).initialValue(get.get()).hasInitialValue(true)
                .getter(getter(get)).setter(setter(get, set)).build());
    }

    /** The model, ending with {@code -h/--help} and {@code -V/--version} as picocli's standard help options do. */
    CommandSpec build() {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** One option being declared; its last call says its type and binds it. */
    final class Option {

        private final OptionSpec.Builder builder;

        private Option(OptionSpec.Builder builder) {
            this.builder = builder;
        }

        Option label(String label) {
            builder.paramLabel(label);
            return this;
        }

        Option description(String description) {
            builder.description(description);
            return this;
        }

        Option required() {
            builder.required(true);
            return this;
        }

        Option hidden() {
            builder.hidden(true);
            return this;
        }

        Option defaultValue(String value) {
            builder.defaultValue(value);
            return this;
        }

        Option split(String regex) {
            builder.splitRegex(regex);
            return this;
        }

        void string(Supplier<String> get, Consumer<String> set) {
            add(String.class, get, set);
        }

        void integer(Supplier<Integer> get, Consumer<Integer> set) {
            add(Integer.class, get, set);
        }

        <E extends Enum<E>> void choice(Class<E> type, Supplier<E> get, Consumer<E> set) {
            add(type, get, set);
        }

        /** A switch: present means true. */
        void flag(Supplier<Boolean> get, Consumer<Boolean> set) {
            builder.arity("0");
            add(boolean.class, get, set);
        }

        /** A switch that is on unless {@code --no-NAME} is given. */
        void negatableOn(Supplier<Boolean> get, Consumer<Boolean> set) {
            builder.negatable(true).defaultValue("true").fallbackValue("true");
            add(boolean.class, get, set);
        }

        /** Repeatable: each value is added to the list. */
        void list(Supplier<List<String>> get, Consumer<List<String>> set) {
            builder.auxiliaryTypes(String.class);
            add(List.class, get, set);
        }

        /** Repeatable {@code KEY=VALUE}: each pair is put in the map. */
        void map(Supplier<Map<String, String>> get, Consumer<Map<String, String>> set) {
            builder.auxiliaryTypes(String.class, String.class);
            add(Map.class, get, set);
        }

        private <T> void add(Class<?> type, Supplier<T> get, Consumer<T> set) {
            // The field's value now is what picocli resets it to before a parse.
            spec.addOption(builder.type(type).initialValue(get.get()).hasInitialValue(true)
                    .getter(getter(get)).setter(setter(get, set)).build());
        }
    }

    private static <T> IGetter getter(Supplier<T> get) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> V get() {
                return (V) get.get();
            }
        };
    }

    private static <T> ISetter setter(Supplier<T> get, Consumer<T> set) {
        return new ISetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> V set(V value) {
                V previous = (V) get.get();
                set.accept((T) value);
                return previous;
            }
        };
    }
}

package io.bakehouse.engine.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one script of a runner container may be given. Anything not listed here is refused:
 * a script with no rules accepts no arguments at all.
 *
 * @param name                the script's name as callers ask for it
 * @param command             what the container runs (an absolute path or a name on its PATH)
 * @param description         one line for {@code describe-containers}
 * @param hardcodedOptions    always passed first, before the caller's arguments
 * @param hardcodedArgs       always passed last, after the caller's arguments
 * @param allowPositionalArgs whether arguments that are not options are accepted
 * @param positionalPattern   what each positional argument must match (full match), or {@code null} for the safe default
 * @param maxArgs             the most caller arguments accepted
 * @param allowedOptions      options that take a value ({@code --name value} or {@code --name=value})
 * @param allowedFlags        options that take no value
 * @param restrictedOptions   options refused even if listed elsewhere (kept for clarity and audits)
 * @param optionPatterns      per-option value patterns (full match); options without one get the safe default
 * @param allowedRepos        git repositories the script may check out (exact URLs); empty = any the value patterns allow
 * @param allowedRefs         git refs the script may check out (full-match patterns); empty = any the value patterns allow
 * @param repoOption          the option that names the repository
 * @param refOption           the option that names the ref
 */
public record ScriptRules(String name, String command, String description,
                          List<String> hardcodedOptions, List<String> hardcodedArgs,
                          boolean allowPositionalArgs, Pattern positionalPattern, int maxArgs,
                          Set<String> allowedOptions, Set<String> allowedFlags, Set<String> restrictedOptions,
                          Map<String, Pattern> optionPatterns, List<String> allowedRepos, List<Pattern> allowedRefs,
                          String repoOption, String refOption) {

    public static final int DEFAULT_MAX_ARGS = 32;
    public static final int MAX_ARGS_LIMIT = 256;

    public ScriptRules {
        hardcodedOptions = List.copyOf(hardcodedOptions);
        hardcodedArgs = List.copyOf(hardcodedArgs);
        allowedOptions = Collections.unmodifiableSet(new LinkedHashSet<>(allowedOptions));
        allowedFlags = Collections.unmodifiableSet(new LinkedHashSet<>(allowedFlags));
        restrictedOptions = Collections.unmodifiableSet(new LinkedHashSet<>(restrictedOptions));
        optionPatterns = Collections.unmodifiableMap(new LinkedHashMap<>(optionPatterns));
        allowedRepos = List.copyOf(allowedRepos);
        allowedRefs = List.copyOf(allowedRefs);
        String where = "scripts." + name;
        if (name == null || !ConfigReader.NAME.matcher(name).matches()) {
            throw ConfigReader.invalid("scripts." + name, "a script name is letters, digits, '.', '_' or '-'");
        }
        if (command == null || !Arguments.isSafe(command)) {
            throw ConfigReader.invalid(where + ".command", "the command must be a plain path without shell characters");
        }
        if (maxArgs < 0 || maxArgs > MAX_ARGS_LIMIT) {
            throw ConfigReader.invalid(where + ".maxArgs", "must be between 0 and " + MAX_ARGS_LIMIT);
        }
        checkOptionNames(where + ".allowedOptions", allowedOptions);
        checkOptionNames(where + ".allowedFlags", allowedFlags);
        checkOptionNames(where + ".restrictedOptions", restrictedOptions);
        for (String o : allowedFlags) {
            if (allowedOptions.contains(o)) {
                throw ConfigReader.invalid(where + ".allowedFlags", o + " is also in allowedOptions: an option either takes a value or not");
            }
        }
        for (String o : restrictedOptions) {
            if (allowedOptions.contains(o) || allowedFlags.contains(o)) {
                throw ConfigReader.invalid(where + ".restrictedOptions", o + " is both allowed and restricted");
            }
        }
        for (String o : optionPatterns.keySet()) {
            if (!allowedOptions.contains(o)) {
                throw ConfigReader.invalid(where + ".optionPatterns." + o, "only options in allowedOptions take values");
            }
        }
        checkGit(where, allowedRepos, allowedRefs, repoOption, refOption, allowedOptions);
    }

    private static void checkOptionNames(String key, Set<String> names) {
        for (String o : names) {
            if (!Arguments.OPTION_NAME.matcher(o).matches()) {
                throw ConfigReader.invalid(key, "'" + o + "' is not an option name such as --name or -n");
            }
        }
    }

    private static void checkGit(String where, List<String> repos, List<Pattern> refs, String repoOption,
                                 String refOption, Set<String> allowed) {
        if (!repos.isEmpty() && (repoOption == null || !allowed.contains(repoOption))) {
            throw ConfigReader.invalid(where + ".repoOption", "allowedRepos needs repoOption, an option in allowedOptions");
        }
        if (!refs.isEmpty() && (refOption == null || !allowed.contains(refOption))) {
            throw ConfigReader.invalid(where + ".refOption", "allowedRefs needs refOption, an option in allowedOptions");
        }
        for (String r : repos) {
            if (!Arguments.isSafe(r)) {
                throw ConfigReader.invalid(where + ".allowedRepos", "'" + r + "' is not a plain repository URL");
            }
        }
    }

    /** A script that takes no arguments at all. */
    public static ScriptRules fixed(String name, String command) {
        return new ScriptRules(name, command, null, List.of(), List.of(), false, null, DEFAULT_MAX_ARGS,
                Set.of(), Set.of(), Set.of(), Map.of(), List.of(), List.of(), null, null);
    }

    /** What {@code describe-containers} shows about this script. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", description);
        m.put("allowPositionalArgs", allowPositionalArgs);
        m.put("maxArgs", maxArgs);
        m.put("allowedOptions", new ArrayList<>(allowedOptions));
        m.put("allowedFlags", new ArrayList<>(allowedFlags));
        m.put("restrictedOptions", new ArrayList<>(restrictedOptions));
        Map<String, Object> patterns = new LinkedHashMap<>();
        optionPatterns.forEach((k, v) -> patterns.put(k, v.pattern()));
        m.put("optionPatterns", patterns);
        m.put("allowedRepos", allowedRepos);
        m.put("allowedRefs", allowedRefs.stream().map(Pattern::pattern).toList());
        return m;
    }
}

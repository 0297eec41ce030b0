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
 * @param hardcodedOptions    always passed first, before the caller's options; a caller may not give these options
 * @param hardcodedArgs       always passed after the caller's options and before {@code --} and the positional
 *                            arguments, so a caller's {@code --} cannot turn them into positional arguments
 * @param allowPositionalArgs whether arguments that are not options are accepted
 * @param positionalPattern   what each positional argument must match (full match), or {@code null} for the safe default
 * @param maxArgs             the most argument words a caller may give ({@code --name=value} counts as two)
 * @param allowedOptions      options that take a value ({@code --name value} or {@code --name=value})
 * @param allowedFlags        options that take no value
 * @param restrictedOptions   options refused even if listed elsewhere (kept for clarity and audits)
 * @param optionPatterns      per-option value patterns (full match); options without one get the safe default
 * @param allowedRepos        git repositories the script may check out (exact URLs); empty = any the value patterns allow
 * @param allowedRefs         git refs the script may check out (full-match patterns); empty = any the value patterns allow
 * @param repoOption          the option that names the repository
 * @param refOption           the option that names the ref
 * @param repeatableOptions   options and flags that may be given more than once (any other is refused the second time)
 * @param dashValueOptions    options whose value may start with {@code -} (any other's may not)
 * @param dashPositionals     whether positional arguments may start with {@code -}
 * @param commitBranches      branches a bare commit ID given as the ref must be reachable from; empty = bare commit
 *                            IDs are refused. The gatekeeper passes each as {@code --commit-branch BRANCH} after the
 *                            hardcoded options, and the script checks the commit out only if one of them contains it
 */
public record ScriptRules(String name, String command, String description,
                          List<String> hardcodedOptions, List<String> hardcodedArgs,
                          boolean allowPositionalArgs, Pattern positionalPattern, int maxArgs,
                          Set<String> allowedOptions, Set<String> allowedFlags, Set<String> restrictedOptions,
                          Map<String, Pattern> optionPatterns, List<String> allowedRepos, List<Pattern> allowedRefs,
                          String repoOption, String refOption, Set<String> repeatableOptions,
                          Set<String> dashValueOptions, boolean dashPositionals, List<String> commitBranches) {

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
        repeatableOptions = Collections.unmodifiableSet(new LinkedHashSet<>(repeatableOptions));
        dashValueOptions = Collections.unmodifiableSet(new LinkedHashSet<>(dashValueOptions));
        commitBranches = List.copyOf(commitBranches);
        String where = "scripts." + name;
        if (name == null || !ConfigReader.NAME.matcher(name).matches()) {
            throw ConfigReader.invalid("scripts." + name, "a script name is letters, digits, '.', '_' or '-'");
        }
        if (command == null || !Arguments.isPlain(command)) {
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
        for (String o : repeatableOptions) {
            if (!allowedOptions.contains(o) && !allowedFlags.contains(o)) {
                throw ConfigReader.invalid(where + ".repeatableOptions", o + " is not in allowedOptions or allowedFlags");
            }
        }
        for (String o : dashValueOptions) {
            if (!allowedOptions.contains(o)) {
                throw ConfigReader.invalid(where + ".dashValueOptions", o + " is not in allowedOptions (only options take values)");
            }
        }
        if (dashPositionals && !allowPositionalArgs) {
            throw ConfigReader.invalid(where + ".dashPositionals", "needs allowPositionalArgs: true");
        }
        checkCommitBranches(where, commitBranches, refOption, allowedOptions, allowedFlags);
        checkHardcoded(where + ".hardcodedOptions", hardcodedOptions, allowedOptions, allowedFlags);
        checkHardcoded(where + ".hardcodedArgs", hardcodedArgs, allowedOptions, allowedFlags);
    }

    /** The option names given by {@code hardcodedOptions} and {@code hardcodedArgs} (a caller may not give them). */
    public Set<String> hardcodedNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String a : hardcodedOptions) {
            if (Arguments.looksLikeOption(a)) {
                names.add(Arguments.optionName(a));
            }
        }
        for (String a : hardcodedArgs) {
            if (Arguments.looksLikeOption(a)) {
                names.add(Arguments.optionName(a));
            }
        }
        return names;
    }

    private static void checkHardcoded(String key, List<String> args, Set<String> allowed, Set<String> flags) {
        for (String a : args) {
            if (a.equals("--")) {
                throw ConfigReader.invalid(key, "'--' is not allowed here: the gatekeeper places '--' itself,"
                        + " before the positional arguments");
            }
            if (Arguments.tooLong(a) || Arguments.hasRefusedCharacter(a)) {
                throw ConfigReader.invalid(key, "'" + Rejection.shorten(a) + "' holds control, format or line separator"
                        + " characters or is longer than " + Arguments.MAX_LENGTH + " characters");
            }
            if (Arguments.looksLikeOption(a)) {
                String name = Arguments.optionName(a);
                if (allowed.contains(name) || flags.contains(name)) {
                    throw ConfigReader.invalid(key, name + " is hardcoded, so callers may not give it: remove it from"
                            + " allowedOptions/allowedFlags");
                }
                if (name.equals(Arguments.COMMIT_BRANCH_OPTION)) {
                    throw ConfigReader.invalid(key, name + " is passed by the gatekeeper from commitBranches");
                }
            }
        }
    }

    private static void checkCommitBranches(String where, List<String> branches, String refOption,
                                            Set<String> allowed, Set<String> flags) {
        if (branches.isEmpty()) {
            return;
        }
        if (refOption == null) {
            throw ConfigReader.invalid(where + ".commitBranches", "needs refOption, the option that names the ref");
        }
        for (String b : branches) {
            if (!Arguments.BRANCH.matcher(b).matches()) {
                throw ConfigReader.invalid(where + ".commitBranches", "'" + Rejection.shorten(b) + "' is not a branch name");
            }
        }
        if (allowed.contains(Arguments.COMMIT_BRANCH_OPTION) || flags.contains(Arguments.COMMIT_BRANCH_OPTION)) {
            throw ConfigReader.invalid(where + ".commitBranches", Arguments.COMMIT_BRANCH_OPTION
                    + " is passed by the gatekeeper, so callers may not give it: remove it from allowedOptions");
        }
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
        if (repoOption != null && !allowed.contains(repoOption)) {
            throw ConfigReader.invalid(where + ".repoOption", repoOption + " is not in allowedOptions");
        }
        if (refOption != null && !allowed.contains(refOption)) {
            throw ConfigReader.invalid(where + ".refOption", refOption + " is not in allowedOptions");
        }
        for (String r : repos) {
            if (!Arguments.isPlain(r)) {
                throw ConfigReader.invalid(where + ".allowedRepos", "'" + r + "' is not a plain repository URL");
            }
        }
    }

    /** A script that takes no arguments at all. */
    public static ScriptRules fixed(String name, String command) {
        return new ScriptRules(name, command, null, List.of(), List.of(), false, null, DEFAULT_MAX_ARGS,
                Set.of(), Set.of(), Set.of(), Map.of(), List.of(), List.of(), null, null, Set.of(), Set.of(), false,
                List.of());
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
        m.put("repeatableOptions", new ArrayList<>(repeatableOptions));
        m.put("dashValueOptions", new ArrayList<>(dashValueOptions));
        m.put("dashPositionals", dashPositionals);
        m.put("commitBranches", commitBranches);
        return m;
    }
}

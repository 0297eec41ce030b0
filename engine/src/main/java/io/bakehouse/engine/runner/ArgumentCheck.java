package io.bakehouse.engine.runner;

import io.bakehouse.engine.runner.Rejection.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks one request's argument vector against a script's rules. Options are passed on as
 * {@code --name value} pairs (a {@code --name=value} argument is split), so the script sees
 * one form only; the caller's {@code --} ends the options. Positional arguments are passed
 * on last, after a {@code --} the gatekeeper places itself.
 */
final class ArgumentCheck {

    private final ScriptRules rules;
    private final RunRequest request;
    private final List<String> options = new ArrayList<>();
    private final List<String> positionals = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    ArgumentCheck(ScriptRules rules, RunRequest request) {
        this.rules = rules;
        this.request = request;
    }

    /** The checked options ({@code --name value} pairs and flags), once {@link #run} returned no rejection. */
    List<String> options() {
        return List.copyOf(options);
    }

    /** The checked positional arguments, once {@link #run} returned no rejection. */
    List<String> positionals() {
        return List.copyOf(positionals);
    }

    /**
     * The number of argument words {@code args} stands for: a {@code --name=value} before the
     * caller's {@code --} is two words, as it is passed on.
     */
    static int words(List<String> args) {
        int n = 0;
        boolean optionsEnded = false;
        for (String arg : args) {
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
                n++;
            } else if (!optionsEnded && Arguments.looksLikeOption(arg) && arg.indexOf('=') >= 0) {
                n += 2;
            } else {
                n++;
            }
        }
        return n;
    }

    /** Checks every argument; returns the first refusal, or {@code null} when all are allowed. */
    Rejection run() {
        List<String> args = request.args();
        int words = words(args);
        if (words > rules.maxArgs()) {
            return refuse(Reason.TOO_MANY_ARGUMENTS, null, null, words + " argument words given (a --name=value"
                    + " counts as two); script '" + rules.name() + "' takes at most " + rules.maxArgs());
        }
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (Arguments.tooLong(arg)) {
                return refuse(Reason.ARGUMENT_TOO_LONG, null, arg, "argument " + (i + 1) + " is longer than "
                        + Arguments.MAX_LENGTH + " characters");
            }
            Rejection r;
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
                r = rules.allowPositionalArgs() ? null : refuse(Reason.POSITIONAL_NOT_ALLOWED, null, arg,
                        "script '" + rules.name() + "' takes no positional arguments, so '--' is not accepted");
            } else if (!optionsEnded && Arguments.looksLikeOption(arg)) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String inline = eq < 0 ? null : arg.substring(eq + 1);
                if (inline == null && rules.allowedOptions().contains(name)) {
                    if (i + 1 >= args.size()) {
                        return refuse(Reason.MISSING_VALUE, name, null, "option " + name + " needs a value");
                    }
                    inline = args.get(++i);
                    if (Arguments.tooLong(inline)) {
                        return refuse(Reason.ARGUMENT_TOO_LONG, name, inline, "the value of " + name
                                + " is longer than " + Arguments.MAX_LENGTH + " characters");
                    }
                }
                r = option(name, inline, eq >= 0);
            } else {
                r = positional(arg);
            }
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private Rejection option(String name, String value, boolean inlineValue) {
        if (rules.restrictedOptions().contains(name)) {
            return refuse(Reason.RESTRICTED_OPTION, name, null, "option " + Rejection.shorten(name)
                    + " is restricted for script '" + rules.name() + "'");
        }
        boolean flag = rules.allowedFlags().contains(name);
        if (!flag && !rules.allowedOptions().contains(name)) {
            return refuse(Reason.UNKNOWN_OPTION, name, null, "option " + Rejection.shorten(name)
                    + " is not allowed for script '" + rules.name() + "'" + allowedList());
        }
        if (!seen.add(name) && !rules.repeatableOptions().contains(name)) {
            return refuse(Reason.REPEATED_OPTION, name, null, "option " + name + " is given more than once; script '"
                    + rules.name() + "' takes it once");
        }
        if (flag) {
            if (inlineValue) {
                return refuse(Reason.UNEXPECTED_VALUE, name, value, "option " + name + " is a flag and takes no value");
            }
            options.add(name);
            return null;
        }
        Rejection bad = value(name, value, rules.optionPatterns().get(name), rules.dashValueOptions().contains(name));
        if (bad == null) {
            bad = git(name, value);
        }
        if (bad == null) {
            options.add(name);
            options.add(value);
        }
        return bad;
    }

    private Rejection positional(String arg) {
        if (!rules.allowPositionalArgs()) {
            return refuse(Reason.POSITIONAL_NOT_ALLOWED, null, arg, "script '" + rules.name()
                    + "' takes no positional arguments");
        }
        Rejection bad = value(null, arg, rules.positionalPattern(), rules.dashPositionals());
        if (bad == null) {
            positionals.add(arg);
        }
        return bad;
    }

    private Rejection value(String option, String value, Pattern pattern, boolean dashAllowed) {
        String what = option == null ? "positional argument" : "the value of " + option;
        if (Arguments.hasRefusedCharacter(value)) {
            return refuse(Reason.UNSAFE_CHARACTERS, option, value, what + " contains control, format or line"
                    + " separator characters");
        }
        if (!dashAllowed && value.startsWith("-")) {
            return refuse(Reason.LEADING_DASH, option, value, what + " starts with '-', which a script could read"
                    + " as an option; script '" + rules.name() + "' does not allow that here");
        }
        if (pattern == null) {
            if (!Arguments.isSafe(value)) {
                return refuse(Reason.UNSAFE_CHARACTERS, option, value, what + " may only contain letters, digits and"
                        + " _@%+=:,./- (1 to 1024 of them); shell metacharacters, spaces and quotes are refused");
            }
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            return refuse(Reason.VALUE_NOT_ALLOWED, option, value, what + " does not match " + pattern.pattern());
        }
        return null;
    }

    private Rejection git(String option, String value) {
        if (option.equals(rules.repoOption()) && !rules.allowedRepos().isEmpty()
                && !rules.allowedRepos().contains(value)) {
            return refuse(Reason.REPOSITORY_NOT_ALLOWED, option, value, "repository " + Rejection.shorten(value)
                    + " is not one script '" + rules.name() + "' may check out " + rules.allowedRepos());
        }
        if (option.equals(rules.refOption())) {
            if (rules.commitBranches().isEmpty() && Arguments.COMMIT.matcher(value).matches()) {
                return refuse(Reason.COMMIT_NOT_ALLOWED, option, value, "a bare commit ID is not a ref script '"
                        + rules.name() + "' may check out: give a branch or tag");
            }
            if (!rules.allowedRefs().isEmpty() && rules.allowedRefs().stream().noneMatch(p -> p.matcher(value).matches())) {
                return refuse(Reason.REF_NOT_ALLOWED, option, value, "git ref " + Rejection.shorten(value)
                        + " is not one script '" + rules.name() + "' may check out");
            }
        }
        return null;
    }

    private String allowedList() {
        List<String> all = new ArrayList<>(rules.allowedOptions());
        all.addAll(rules.allowedFlags());
        return all.isEmpty() ? " (it takes no options)" : " (allowed: " + String.join(", ", all) + ")";
    }

    private Rejection refuse(Reason reason, String option, String value, String message) {
        return Gatekeeper.rejection(reason, request, option, value, message);
    }
}

package io.bakehouse.engine.runner;

import io.bakehouse.engine.runner.Rejection.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Walks one request's argument vector against a script's rules. Options are passed on as
 * {@code --name value} pairs (a {@code --name=value} argument is split), so the script sees
 * one form only; {@code --} ends the options.
 */
final class ArgumentCheck {

    private final ScriptRules rules;
    private final RunRequest request;
    private final List<String> approved = new ArrayList<>();

    ArgumentCheck(ScriptRules rules, RunRequest request) {
        this.rules = rules;
        this.request = request;
    }

    /** The checked arguments, once {@link #run} returned no rejection. */
    List<String> approved() {
        return List.copyOf(approved);
    }

    /** Checks every argument; returns the first refusal, or {@code null} when all are allowed. */
    Rejection run() {
        List<String> args = request.args();
        if (args.size() > rules.maxArgs()) {
            return refuse(Reason.TOO_MANY_ARGUMENTS, null, null, args.size() + " arguments given; script '"
                    + rules.name() + "' takes at most " + rules.maxArgs());
        }
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.length() > Arguments.MAX_LENGTH) {
                return refuse(Reason.ARGUMENT_TOO_LONG, null, arg, "argument " + (i + 1) + " is longer than "
                        + Arguments.MAX_LENGTH + " characters");
            }
            Rejection r;
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
                r = rules.allowPositionalArgs() ? null : refuse(Reason.POSITIONAL_NOT_ALLOWED, null, arg,
                        "script '" + rules.name() + "' takes no positional arguments, so '--' is not accepted");
                if (r == null) {
                    approved.add(arg);
                }
            } else if (!optionsEnded && Arguments.looksLikeOption(arg)) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String inline = eq < 0 ? null : arg.substring(eq + 1);
                if (inline == null && rules.allowedOptions().contains(name)) {
                    if (i + 1 >= args.size()) {
                        return refuse(Reason.MISSING_VALUE, name, null, "option " + name + " needs a value");
                    }
                    inline = args.get(++i);
                    if (inline.length() > Arguments.MAX_LENGTH) {
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
        if (rules.allowedFlags().contains(name)) {
            if (inlineValue) {
                return refuse(Reason.UNEXPECTED_VALUE, name, value, "option " + name + " is a flag and takes no value");
            }
            approved.add(name);
            return null;
        }
        if (!rules.allowedOptions().contains(name)) {
            return refuse(Reason.UNKNOWN_OPTION, name, null, "option " + Rejection.shorten(name)
                    + " is not allowed for script '" + rules.name() + "'" + allowedList());
        }
        Rejection bad = value(name, value, rules.optionPatterns().get(name));
        if (bad == null) {
            bad = git(name, value);
        }
        if (bad == null) {
            approved.add(name);
            approved.add(value);
        }
        return bad;
    }

    private Rejection positional(String arg) {
        if (!rules.allowPositionalArgs()) {
            return refuse(Reason.POSITIONAL_NOT_ALLOWED, null, arg, "script '" + rules.name()
                    + "' takes no positional arguments");
        }
        Rejection bad = value(null, arg, rules.positionalPattern());
        if (bad == null) {
            approved.add(arg);
        }
        return bad;
    }

    private Rejection value(String option, String value, Pattern pattern) {
        String what = option == null ? "positional argument" : "the value of " + option;
        if (Arguments.hasControl(value)) {
            return refuse(Reason.UNSAFE_CHARACTERS, option, value, what + " contains control characters");
        }
        if (pattern == null) {
            if (!Arguments.isSafe(value)) {
                return refuse(Reason.UNSAFE_CHARACTERS, option, value, what + " may only contain letters, digits and"
                        + " _@%+=:,./- (not starting with '-'); shell metacharacters, spaces and quotes are refused");
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
        if (option.equals(rules.refOption()) && !rules.allowedRefs().isEmpty()
                && rules.allowedRefs().stream().noneMatch(p -> p.matcher(value).matches())) {
            return refuse(Reason.REF_NOT_ALLOWED, option, value, "git ref " + Rejection.shorten(value)
                    + " is not one script '" + rules.name() + "' may check out");
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

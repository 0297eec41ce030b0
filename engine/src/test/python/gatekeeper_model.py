#!/usr/bin/env python3
"""An independent model of the deploy runner's gatekeeper, and a generator of requests.

The model is a reading of docs/steps/ecs-run.md ("The runner configuration": the script rules
table and "How a request's arguments are checked"), not of the engine's code. The engine's test
(GatekeeperModelFuzzTest) runs this script, then asks the engine about every request it wrote
and requires the same decision, and for approvals the same command.

    gatekeeper_model.py --config NAME=FILE [--config NAME=FILE...] --count N --seed S --out FILE

Each output line is a JSON object: config, container, script, args, approved, command.
"""

import argparse
import json
import random
import re
import sys
import unicodedata

import yaml

MAX_LENGTH = 4096
PLAIN = re.compile(r"[A-Za-z0-9_@%+=:,./-]{1,1024}", re.ASCII)
COMMIT = re.compile(r"[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}", re.ASCII)
REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def java_regex(pattern):
    """A configured (Java) regular expression as Python's re reads it: \\Q...\\E quotes literally."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("\\Q", i):
            end = pattern.find("\\E", i + 2)
            end = len(pattern) if end < 0 else end
            out.append(re.escape(pattern[i + 2:end]))
            i = end + 2
        else:
            out.append(pattern[i])
            i += 1
    return re.compile("".join(out), re.ASCII)


def as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


class Rules:
    """One script's rules, read from the configuration as the documentation names the keys."""

    def __init__(self, name, body):
        body = body or {}
        self.name = name
        self.command = str(body.get("command", name))
        self.hardcoded_options = as_list(body.get("hardcodedOptions"))
        self.hardcoded_args = as_list(body.get("hardcodedArgs"))
        self.positionals = bool(body.get("allowPositionalArgs", False))
        pp = body.get("positionalPattern")
        self.positional_pattern = None if pp is None else java_regex(str(pp))
        self.dash_positionals = bool(body.get("dashPositionals", False))
        self.max_args = int(body.get("maxArgs", 32))
        self.options = set(as_list(body.get("allowedOptions")))
        self.flags = set(as_list(body.get("allowedFlags")))
        self.restricted = set(as_list(body.get("restrictedOptions")))
        self.repeatable = set(as_list(body.get("repeatableOptions")))
        self.dash_values = set(as_list(body.get("dashValueOptions")))
        self.patterns = {k: java_regex(str(v)) for k, v in (body.get("optionPatterns") or {}).items()}
        self.repos = as_list(body.get("allowedRepos"))
        self.refs = [java_regex(r) for r in as_list(body.get("allowedRefs"))]
        self.repo_option = body.get("repoOption")
        self.ref_option = body.get("refOption")
        self.commit_branches = as_list(body.get("commitBranches"))
        self.hardcoded_names = set()
        for a in self.hardcoded_options + self.hardcoded_args:
            if a.startswith("-") and len(a) > 1:
                self.hardcoded_names.add(a.split("=", 1)[0])


def load(path):
    with open(path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    scripts = {}
    for container, spec in (config.get("containers") or {}).items():
        for script, body in ((spec or {}).get("scripts") or {}).items():
            scripts[(container, script)] = Rules(script, body)
    return scripts


def refused_character(value):
    return any(unicodedata.category(c) in REFUSED_CATEGORIES for c in value)


def value_allowed(value, pattern, dash_allowed):
    """Rule 5: refused characters, a leading '-', then the pattern or the plain default."""
    if refused_character(value):
        return False
    if value.startswith("-") and not dash_allowed:
        return False
    if pattern is not None:
        return pattern.fullmatch(value) is not None
    return PLAIN.fullmatch(value) is not None


def words(args):
    """Rule 1: the caller's words, a '--name=value' before the first '--' counting as two."""
    n, ended = 0, False
    for a in args:
        if not ended and a == "--":
            ended = True
            n += 1
        elif not ended and a.startswith("-") and len(a) > 1 and "=" in a:
            n += 2
        else:
            n += 1
    return n


def decide(scripts, container, script, args):
    """The documented rules: the command an approved request runs, or None when it is refused."""
    rules = scripts.get((container, script))
    if rules is None:
        return None
    if words(args) > rules.max_args:
        return None
    options, positionals, given = [], [], set()
    ended = False
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if len(a) > MAX_LENGTH:
            return None
        if not ended and a == "--":
            if not rules.positionals:
                return None
            ended = True
            continue
        if not ended and a.startswith("-") and len(a) > 1:
            if "=" in a:
                name, value = a.split("=", 1)
                inline = True
            else:
                name, value, inline = a, None, False
                if name in rules.options:
                    if i >= len(args):
                        return None
                    value = args[i]
                    i += 1
                    if len(value) > MAX_LENGTH:
                        return None
            if name in rules.restricted:
                return None
            if name not in rules.options and name not in rules.flags:
                return None
            if name in given and name not in rules.repeatable:
                return None
            given.add(name)
            if name in rules.flags:
                if inline:
                    return None
                options.append(name)
                continue
            if not value_allowed(value, rules.patterns.get(name), name in rules.dash_values):
                return None
            if name == rules.repo_option and rules.repos and value not in rules.repos:
                return None
            if name == rules.ref_option:
                if not rules.commit_branches and COMMIT.fullmatch(value):
                    return None
                if rules.refs and not any(p.fullmatch(value) for p in rules.refs):
                    return None
            options += [name, value]
            continue
        if not rules.positionals:
            return None
        if not value_allowed(a, rules.positional_pattern, rules.dash_positionals):
            return None
        positionals.append(a)
    command = [rules.command] + rules.hardcoded_options
    for branch in rules.commit_branches:
        command += ["--commit-branch", branch]
    command += options + rules.hardcoded_args
    if positionals:
        command += ["--"] + positionals
    return command


# ---- the generator

ALPHABET = (
    list("abcxyzAZ09") + list("-=_@%+:,./") + list(" \t;|&$`'\"\\<>(){}[]*?~!#^")
    + ["\n", "\r", "\x00", "\x1b", "\x7f"]                                # C0 and DEL
    + ["\x80", "\x85", "\x9b", "\x9f"]                                    # C1: NEL, CSI
    + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
       "\u200e", "\u200f", "\u061c"]                                      # bidi
    + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\U000e0001"]  # other Cf
    + ["\u2028", "\u2029"]                                                # Zl, Zp
    + ["\u00a0", "\u3000", "\u00e9", "\u00df", "\u03a9", "\u0430", "\u6f22", "\u0301",
       "\uff0d", "\u2013", "\u2212", "\U0001f600", "\ud800", "\udc00"]    # other letters, dashes, lone surrogates
)

COMMIT40 = "0123456789abcdef0123456789abcdef01234567"
VALUES = {
    "--ref": ["main", "master", "v1.2.3", "v1.2", "feature/x", COMMIT40, COMMIT40.upper(), "ab" * 32,
              COMMIT40[:39], "--upload-pack", "--upload-pack=touch /tmp/x", "-x", "main:refs/x", "HEAD"],
    "--template-path": ["app.pkr.hcl", "packer/app.pkr.hcl", "dir/app.pkr.json", "../x.pkr.hcl", "-x.pkr.hcl",
                        "app.json", "a..b.pkr.hcl"],
    "--var": ["a=b", "region=us-east-1", "a=b c", "A_1=x,y", "-a=b", "a=$(id)", "a=", "=b"],
    "--only": ["null.app", "amazon-ebs.app", "x y"],
    "--path": ["envs/dev", "envs/../x", "-x", ".", "envs/dev/"],
    "--var-file": ["envs/dev/dev.tfvars", "x.tfvars.json", "x.txt", "../x.tfvars"],
    "--destination": ["registry.example.invalid/app:1", "registry.example.invalid/app:1.2.3",
                      "registry.example.invalidXapp:1", "registry.example.invalid/other:1"],
    "--context-path": ["image", ".", "-image"],
    "--dockerfile": ["Dockerfile", "image/Dockerfile"],
    "--build-arg": ["A=1", "B=two", "C=a b"],
    "--target": ["build", "a b", "-t"],
    "--offset": ["-12", "5", "--5", "-1234", "0"],
    "--environment": ["dev", "prod", "qa"],
    "--ami-id": ["ami-0123456789abcdef0", "ami-XYZ"],
    "--message": ["hello world", "a;b $(id)", "\u00fcn\u00efc\u00f6d\u00e9", "\u6f22\u5b57", "x"],
    "--label": ["team-a", "a b", "\u00e9t\u00e9", "x;y"],
}
POSITIONALS = ["dev", "prod/eu", "-dev", "--lock=true", "x", "a-b", "=", "-", "--", "a;b", "DEV"]
GENERIC = ["x", "", "a,b", "a@b:c/d", "a%2Fb", "a=b", "envs/dev"]
# Around the limits: 1024 plain characters, 4096 characters (an emoji is one character, two UTF-16 units).
LONG = ["x" * 1024, "x" * 1025, "a=" + "y" * 4094, "a=" + "y" * 4095, "y" * 4096, "y" * 4097,
        "a=" + "\U0001f600" * 4094, "\U0001f600" * 4097]


def some_value(rng):
    return rng.choice(LONG) if rng.random() < 0.1 else rng.choice(GENERIC)


def random_text(rng, n):
    return "".join(rng.choice(ALPHABET) for _ in range(n))


class Generator:
    def __init__(self, rng, scripts):
        self.rng = rng
        self.scripts = scripts
        self.keys = sorted(scripts)

    def value_for(self, rules, name):
        rng = self.rng
        if rng.random() < 0.1:
            return some_value(rng)
        if name == rules.repo_option and rules.repos and rng.random() < 0.8:
            return rng.choice(rules.repos + ["https://github.com/evil/x.git"])
        return rng.choice(VALUES[name]) if name in VALUES else some_value(rng)

    def structured(self, rules):
        rng = self.rng
        names = sorted(rules.options | rules.flags)
        args, positional = [], []
        for _ in range(rng.randint(0, 6)):
            if not names:
                break
            name = rng.choice(names)
            if name in rules.flags:
                args.append(name)
            elif rng.random() < 0.5:
                args += [name, self.value_for(rules, name)]
            else:
                args.append(name + "=" + self.value_for(rules, name))
        if rules.positionals or rng.random() < 0.1:
            for _ in range(rng.randint(0, 3)):
                positional.append(rng.choice(POSITIONALS) if rng.random() < 0.75 else some_value(rng))
            if positional and (rng.random() < 0.5 or any(p.startswith("-") for p in positional)):
                args.append("--")
            args += positional
        return args

    def mutate(self, rules, args):
        rng = self.rng
        kind = rng.randrange(9)
        if kind == 0 and args:
            i = rng.randrange(len(args))
            at = rng.randint(0, len(args[i]))
            args[i] = args[i][:at] + rng.choice(ALPHABET) + args[i][at:]
        elif kind == 1 and args:
            i = rng.randrange(len(args))
            args[i] = "-" + args[i]
        elif kind == 2:
            extras = sorted(rules.restricted | rules.hardcoded_names) + ["--commit-branch", "--exec", "-x", "--help"]
            args.insert(rng.randint(0, len(args)), rng.choice(extras))
        elif kind == 3 and args:
            i = rng.randrange(len(args))
            args[i:i] = args[i:i + 2]
        elif kind == 4:
            args.insert(rng.randint(0, len(args)), rng.choice(["--", "-", "=", "--=", "--=x", "---x"]))
        elif kind == 5 and args:
            args[rng.randrange(len(args))] = some_value(rng)
        elif kind == 6:
            args.insert(rng.randint(0, len(args)), random_text(rng, rng.randint(0, 8)))
        elif kind == 7 and len(args) > 1:
            i = rng.randrange(len(args) - 1)
            args[i:i + 2] = [args[i] + "=" + args[i + 1]]
        elif kind == 8:
            name = rng.choice(sorted(rules.options) or ["--x"])
            args += [name, random_text(rng, rng.randint(0, 6))]
        return args

    def chaos(self, rules):
        rng = self.rng
        vocab = (sorted(rules.options | rules.flags | rules.restricted | rules.hardcoded_names)
                 + ["--", "-", "=", "--x", "--commit-branch"] + POSITIONALS)
        args = []
        for _ in range(rng.randint(0, 12)):
            r = rng.random()
            if r < 0.5:
                args.append(rng.choice(vocab))
            elif r < 0.8:
                args.append(rng.choice(sum(VALUES.values(), [])))
            else:
                args.append(("--" if rng.random() < 0.3 else "") + random_text(rng, rng.randint(0, 10)))
        return args

    def request(self):
        rng = self.rng
        container, script = rng.choice(self.keys)
        if rng.random() < 0.03:
            container = rng.choice(["bash", "packer-x", "packer\u202e"]) + random_text(rng, 2)
        elif rng.random() < 0.03:
            script = rng.choice(["sh", "plan;id", "build\u2028"])
        rules = self.scripts[rng.choice(self.keys)] if (container, script) not in self.scripts \
            else self.scripts[(container, script)]
        if rng.random() < 0.75:
            args = self.structured(rules)
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                args = self.mutate(rules, args)
        else:
            args = self.chaos(rules)
        return container, script, args


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", action="append", required=True, help="NAME=FILE")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    configs = []
    for c in a.config:
        name, path = c.split("=", 1)
        configs.append((name, load(path)))
    rng = random.Random(a.seed)
    generators = [(name, Generator(rng, scripts)) for name, scripts in configs]
    approved = 0
    with open(a.out, "w", encoding="ascii") as out:
        for n in range(a.count):
            name, gen = generators[n % len(generators)]
            container, script, args = gen.request()
            command = decide(gen.scripts, container, script, args)
            approved += command is not None
            out.write(json.dumps({"config": name, "container": container, "script": script, "args": args,
                                  "approved": command is not None, "command": command}, ensure_ascii=True) + "\n")
    print(f"model: {a.count} requests, {approved} approved, {a.count - approved} refused", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Evaluates IAM policy documents for one request, with IAM's rules, to show who may do what.

What it models: identity-based policies and role trust policies of one account. Not modelled:
SCPs, permission boundaries, session policies, other resource-based policies, policy variables.

- An explicit Deny beats any Allow; without a matching Allow the request is implicitly denied.
- Action and NotAction: case-insensitive, with the wildcards * (any run of characters) and ?
  (one character).
- Resource and NotResource: case-sensitive; * and ? match inside one colon-separated segment,
  and a * that ends a segment may also run on across colons (IAM's Resource element reference:
  "If the * wildcard is the last character of a resource ARN segment, it can expand to match
  beyond the colon boundaries"). "*" alone matches everything.
- ArnLike and ArnEquals (conditions): the six colon-separated components are compared one by one
  (the last keeping its colons), each with * and ?.
- Principal and NotPrincipal (trust policies): "*", an account (its ID or its :root ARN: any
  principal of that account), a role or user ARN, a service.
- Conditions: every operator block must hold, every key in it, any of its values (none of them
  for the Not operators). The operators below, with ...IfExists, ForAnyValue: and ForAllValues:.
  A key missing from the request follows IAM: the condition is false, except for the negated
  operators, ...IfExists and ForAllValues: (true), and Null.
- A condition this module cannot evaluate (an operator it does not know, a multi-valued key
  under a single-valued operator, a policy variable) makes its statement not match, never match;
  the decision lists it under `unevaluated` so that a test can insist on an empty list.
"""

import re
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence, Tuple, Union

ALLOW = "Allow"
EXPLICIT_DENY = "ExplicitDeny"
IMPLICIT_DENY = "ImplicitDeny"

ContextValue = Union[str, bool, Sequence[str]]


@dataclass(frozen=True)
class Principal:
    """Who makes the request: kind "AWS" with an IAM ARN, or kind "Service" with a service name."""

    kind: str
    name: str

    @staticmethod
    def aws(arn):
        return Principal("AWS", arn)

    @staticmethod
    def service(name):
        return Principal("Service", name)


@dataclass(frozen=True)
class Request:
    action: str
    resource: str = "*"
    context: Mapping[str, ContextValue] = field(default_factory=dict)
    principal: Optional[Principal] = None


@dataclass(frozen=True)
class Decision:
    effect: str
    allowed_by: Tuple[str, ...] = ()
    denied_by: Tuple[str, ...] = ()
    unevaluated: Tuple[str, ...] = ()

    @property
    def allowed(self):
        return self.effect == ALLOW


class NotEvaluable(Exception):
    """A condition or pattern this evaluator cannot decide for the request."""


def evaluate(documents, request):
    """The decision of the policy documents (dicts with a Statement) for one request."""
    allowed_by, denied_by, unevaluated = [], [], []
    for doc_index, document in enumerate(documents):
        for index, statement in enumerate(_statements(document)):
            name = statement.get("Sid") or f"document {doc_index} statement {index}"
            try:
                matched = statement_matches(statement, request)
            except NotEvaluable as reason:
                unevaluated.append(f"{name}: {reason}")
                continue
            if not matched:
                continue
            effect = statement.get("Effect")
            if effect == "Deny":
                denied_by.append(name)
            elif effect == "Allow":
                allowed_by.append(name)
            else:
                raise ValueError(f"{name}: Effect must be Allow or Deny, not {effect!r}")
    if denied_by:
        effect = EXPLICIT_DENY
    elif allowed_by:
        effect = ALLOW
    else:
        effect = IMPLICIT_DENY
    return Decision(effect, tuple(allowed_by), tuple(denied_by), tuple(unevaluated))


def statement_matches(statement, request, *, ignore_conditions=False):
    """Whether the statement applies to the request (its Effect aside).

    With ignore_conditions the Condition block is skipped: an over-approximation that shows
    which statements could ever grant an action on a resource, whatever the request context.
    """
    _check_exclusive(statement, "Action", "NotAction")
    _check_exclusive(statement, "Resource", "NotResource")
    if "Action" in statement:
        if not any(action_matches(p, request.action) for p in _as_list(statement["Action"])):
            return False
    elif any(action_matches(p, request.action) for p in _as_list(statement["NotAction"])):
        return False
    if "Resource" in statement:
        if not any(resource_matches(p, request.resource) for p in _as_list(statement["Resource"])):
            return False
    elif "NotResource" in statement:
        if any(resource_matches(p, request.resource) for p in _as_list(statement["NotResource"])):
            return False
    elif "Principal" not in statement and "NotPrincipal" not in statement:
        raise ValueError("an identity policy statement needs Resource or NotResource")
    if "Principal" in statement or "NotPrincipal" in statement:
        if not _principal_matches(statement, request.principal):
            return False
    if ignore_conditions:
        return True
    return conditions_hold(statement.get("Condition", {}), request.context)


def action_matches(pattern, action):
    return _glob(pattern.lower(), action.lower())


def resource_matches(pattern, arn):
    """IAM's Resource wildcards: * and ? stay inside one colon-separated segment, except a * that
    ends a segment (or the pattern), which may run on across colons. So "*" matches everything,
    "arn:aws:ssm:*:parameter/x" matches any region and account, "us-*-1" does not match a colon."""
    if "${" in pattern:
        raise NotEvaluable(f"policy variable in {pattern}")
    regex = []
    for index, char in enumerate(pattern):
        if char == "*":
            ends_segment = index + 1 == len(pattern) or pattern[index + 1] == ":"
            regex.append(".*" if ends_segment else "[^:]*")
        elif char == "?":
            regex.append("[^:]")
        else:
            regex.append(re.escape(char))
    return re.fullmatch("".join(regex), arn, re.DOTALL) is not None


def conditions_hold(block, context):
    keys = {key.lower(): value for key, value in context.items()}
    for operator, tests in block.items():
        for key, wanted in tests.items():
            if not _condition_holds(operator, key, _as_list(wanted), keys):
                return False
    return True


# --- conditions -------------------------------------------------------------------------------

def _string_equals(wanted, value):
    return wanted == value


def _string_equals_ignore_case(wanted, value):
    return wanted.lower() == value.lower()


def _string_like(wanted, value):
    return _glob(wanted, value)


def _bool(wanted, value):
    return str(wanted).lower() == str(value).lower()


# operator -> (compare(policy value, request value), negated)
_OPERATORS = {
    "StringEquals": (_string_equals, False),
    "StringNotEquals": (_string_equals, True),
    "StringEqualsIgnoreCase": (_string_equals_ignore_case, False),
    "StringNotEqualsIgnoreCase": (_string_equals_ignore_case, True),
    "StringLike": (_string_like, False),
    "StringNotLike": (_string_like, True),
    "ArnEquals": (lambda wanted, value: _arn_like(wanted, value), False),
    "ArnLike": (lambda wanted, value: _arn_like(wanted, value), False),
    "ArnNotEquals": (lambda wanted, value: _arn_like(wanted, value), True),
    "ArnNotLike": (lambda wanted, value: _arn_like(wanted, value), True),
    "Bool": (_bool, False),
}


def _condition_holds(operator, key, wanted, context):
    qualifier, _, name = operator.rpartition(":")
    if qualifier not in ("", "ForAnyValue", "ForAllValues"):
        raise NotEvaluable(f"unknown set operator {qualifier}")
    if_exists = name.endswith("IfExists")
    if if_exists:
        name = name[: -len("IfExists")]
    present = key.lower() in context
    if name == "Null":
        if qualifier or if_exists or len(wanted) != 1 or str(wanted[0]).lower() not in ("true", "false"):
            raise NotEvaluable(f"Null on {key} takes a single true or false")
        return (not present) == (str(wanted[0]).lower() == "true")
    if name not in _OPERATORS:
        raise NotEvaluable(f"unknown condition operator {operator}")
    compare, negated = _OPERATORS[name]
    for value in wanted:
        if isinstance(value, str) and "${" in value:
            raise NotEvaluable(f"policy variable in {value}")
    values = _as_list(context[key.lower()]) if present else []
    if qualifier == "ForAllValues":
        # every request value must pass; an empty or missing set passes
        return all(_one_value_passes(compare, negated, wanted, value) for value in values)
    if qualifier == "ForAnyValue":
        return any(_one_value_passes(compare, negated, wanted, value) for value in values)
    if not present:
        return if_exists or negated
    if len(values) != 1:
        raise NotEvaluable(f"{key} has {len(values)} values but {operator} takes one")
    return _one_value_passes(compare, negated, wanted, values[0])


def _one_value_passes(compare, negated, wanted, value):
    matched = any(compare(str(w) if not isinstance(w, str) else w, str(value)) for w in wanted)
    return not matched if negated else matched


# --- principals -------------------------------------------------------------------------------

def _principal_matches(statement, principal):
    if principal is None:
        raise NotEvaluable("the statement names a principal but the request has none")
    if "Principal" in statement and "NotPrincipal" in statement:
        raise ValueError("a statement has Principal or NotPrincipal, not both")
    if "Principal" in statement:
        return _principal_listed(statement["Principal"], principal)
    return not _principal_listed(statement["NotPrincipal"], principal)


def _principal_listed(block, principal):
    if block == "*":
        return True
    if not isinstance(block, dict):
        raise ValueError(f"Principal must be \"*\" or a map, not {block!r}")
    for kind, names in block.items():
        if kind != principal.kind:
            continue
        for name in _as_list(names):
            if name == "*" or name == principal.name:
                return True
            if kind == "AWS" and _names_account_of(name, principal.name):
                return True
    return False


def _names_account_of(name, arn):
    account = re.fullmatch(r"(?:arn:aws[a-z-]*:iam::)?([0-9]{12})(?::root)?", name)
    parts = arn.split(":", 5)
    return account is not None and len(parts) == 6 and parts[4] == account.group(1)


# --- patterns ---------------------------------------------------------------------------------

def _arn_like(pattern, arn):
    if "${" in pattern:
        raise NotEvaluable(f"policy variable in {pattern}")
    wanted, actual = pattern.split(":", 5), arn.split(":", 5)
    if len(wanted) != 6 or len(actual) != 6:
        return False
    return all(_glob(w, a) for w, a in zip(wanted, actual))


def _glob(pattern, text):
    """IAM's wildcards: * any run of characters (none too), ? exactly one; nothing else special
    (unlike fnmatch, [ and ] are plain characters)."""
    return re.fullmatch(_glob_regex(pattern), text, re.DOTALL) is not None


def _glob_regex(pattern):
    return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)


# --- helpers ----------------------------------------------------------------------------------

def _statements(document):
    return _as_list(document.get("Statement", []))


def _check_exclusive(statement, one, other):
    if one in statement and other in statement:
        raise ValueError(f"a statement has {one} or {other}, not both")
    if one == "Action" and one not in statement and other not in statement:
        raise ValueError("a statement needs Action or NotAction")


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


"""The IAM roles a CloudFormation template creates and their policy documents, as a stack would
have them: intrinsic functions resolved with concrete parameter values.

Resolves Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::Select, Fn::Split, Fn::If and the template's
Conditions. The stack's own resources get the physical names CloudFormation would give them
(<stack>-<logical ID>-<suffix> unless a name property sets one) and ARNs in their services'
formats. Anything else raises: a policy is never evaluated with a value guessed wrongly.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

SUFFIX = "1A2B3C4D5E6F"  # CloudFormation appends a random suffix like this to generated names
_NO_VALUE = object()

# Resource type -> the property that names it (Ref returns the name).
_NAME_PROPERTIES = {
    "AWS::ECR::Repository": "RepositoryName",
    "AWS::ECS::Cluster": "ClusterName",
    "AWS::IAM::Role": "RoleName",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::Logs::LogGroup": "LogGroupName",
    "AWS::S3::Bucket": "BucketName",
    "AWS::SSM::Parameter": "Name",
}


@dataclass
class Role:
    logical_id: str
    arn: str
    trust_policy: dict
    # (policy name, document) of inline policies and of the template's policies attached to it
    policies: List[Tuple[str, dict]] = field(default_factory=list)
    # managed policies from outside the template: their documents are not in it
    external_policy_arns: List[str] = field(default_factory=list)

    @property
    def documents(self):
        return [document for _, document in self.policies]


class Stack:
    """A template deployed (on paper) as stack `name` with the given parameter values."""

    def __init__(self, template, name, parameters, *, region="us-east-1", account="123456789012"):
        self.template = template
        self.name = name
        self.region = region
        self.account = account
        self.partition = "aws"
        self.parameters = self._parameter_values(parameters)
        self._conditions: Dict[str, bool] = {}

    # --- what the stack holds --------------------------------------------------------------

    def resources(self, resource_type):
        """Logical ID -> resource of that type, for the resources whose Condition holds."""
        return {
            logical_id: resource
            for logical_id, resource in self.template["Resources"].items()
            if resource["Type"] == resource_type and self._exists(logical_id)
        }

    def roles(self):
        """Logical ID -> Role for every AWS::IAM::Role of the stack."""
        roles = {}
        template_policies = self._template_managed_policies()
        for logical_id, resource in self.resources("AWS::IAM::Role").items():
            properties = resource["Properties"]
            role = Role(logical_id, self.attribute(logical_id, "Arn"), self.resolve(properties["AssumeRolePolicyDocument"]))
            for policy in properties.get("Policies", []):
                role.policies.append((self.resolve(policy["PolicyName"]), self.resolve(policy["PolicyDocument"])))
            for arn in self.resolve(properties.get("ManagedPolicyArns", [])):
                if arn in template_policies:
                    role.policies.append(template_policies[arn])
                else:
                    role.external_policy_arns.append(arn)
            roles[logical_id] = role
        for policy_type in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            for logical_id, resource in self.resources(policy_type).items():
                properties = resource["Properties"]
                attached = self.resolve(properties.get("Roles", []))
                name = self.resolve(properties.get("PolicyName", logical_id))
                for role in roles.values():
                    if self.physical_id(role.logical_id) in attached:
                        role.policies.append((name, self.resolve(properties["PolicyDocument"])))
        return roles

    def managed_policies(self):
        """Logical ID -> document of every AWS::IAM::ManagedPolicy (attached or not)."""
        return {
            logical_id: self.resolve(resource["Properties"]["PolicyDocument"])
            for logical_id, resource in self.resources("AWS::IAM::ManagedPolicy").items()
        }

    def _template_managed_policies(self):
        return {
            self.physical_id(logical_id): (logical_id, self.resolve(resource["Properties"]["PolicyDocument"]))
            for logical_id, resource in self.resources("AWS::IAM::ManagedPolicy").items()
        }

    # --- names -----------------------------------------------------------------------------

    def physical_id(self, logical_id):
        """What Ref returns for one of the stack's resources."""
        resource = self._resource(logical_id)
        kind = resource["Type"]
        if kind == "AWS::IAM::ManagedPolicy":
            return f"arn:{self.partition}:iam::{self.account}:policy/{self._generated_name(logical_id)}"
        name_property = _NAME_PROPERTIES.get(kind)
        if name_property and name_property in resource.get("Properties", {}):
            return self.resolve(resource["Properties"][name_property])
        name = self._generated_name(logical_id)
        return name.lower() if kind == "AWS::S3::Bucket" else name

    def attribute(self, logical_id, name):
        """What Fn::GetAtt returns; only the attributes the policies here use."""
        kind = self._resource(logical_id)["Type"]
        physical = self.physical_id(logical_id)
        where = f"{self.region}:{self.account}"
        arns = {
            "AWS::IAM::Role": f"arn:{self.partition}:iam::{self.account}:role/{physical}",
            "AWS::ECS::Cluster": f"arn:{self.partition}:ecs:{where}:cluster/{physical}",
            "AWS::ECR::Repository": f"arn:{self.partition}:ecr:{where}:repository/{physical}",
            "AWS::Logs::LogGroup": f"arn:{self.partition}:logs:{where}:log-group:{physical}:*",
            "AWS::S3::Bucket": f"arn:{self.partition}:s3:::{physical}",
            "AWS::Lambda::Function": f"arn:{self.partition}:lambda:{where}:function:{physical}",
        }
        if name == "Arn" and kind in arns:
            return arns[kind]
        if kind == "AWS::ECR::Repository" and name == "RepositoryUri":
            return f"{self.account}.dkr.ecr.{self.region}.amazonaws.com/{physical}"
        raise NotImplementedError(f"Fn::GetAtt {logical_id}.{name} ({kind}) is not modelled")

    def _generated_name(self, logical_id):
        return f"{self.name}-{logical_id}-{SUFFIX}"

    def _resource(self, logical_id):
        if logical_id not in self.template["Resources"]:
            raise KeyError(f"no resource {logical_id} in the template")
        if not self._exists(logical_id):
            raise KeyError(f"resource {logical_id} is not created: its condition is false")
        return self.template["Resources"][logical_id]

    def _exists(self, logical_id):
        condition = self.template["Resources"][logical_id].get("Condition")
        return condition is None or self.condition(condition)

    # --- intrinsic functions ---------------------------------------------------------------

    def resolve(self, node):
        """node with every intrinsic function replaced by its value."""
        if isinstance(node, list):
            return [value for value in (self.resolve(item) for item in node) if value is not _NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            [(key, argument)] = node.items()
            if key == "Ref":
                return self._ref(argument)
            if key.startswith("Fn::") or key == "Condition":
                return self._function(key, argument)
        return {key: value for key, value in ((k, self.resolve(v)) for k, v in node.items()) if value is not _NO_VALUE}

    def condition(self, name):
        if name not in self._conditions:
            self._conditions[name] = bool(self._condition_value(self.template["Conditions"][name]))
        return self._conditions[name]

    def _condition_value(self, node):
        [(key, argument)] = node.items()
        if key == "Condition":
            return self.condition(argument)
        return self._function(key, argument)

    def _function(self, key, argument):
        if key == "Fn::Sub":
            text, variables = (argument, {}) if isinstance(argument, str) else argument
            return self._sub(text, {name: self.resolve(value) for name, value in variables.items()})
        if key == "Fn::GetAtt":
            logical_id, name = argument if isinstance(argument, list) else argument.split(".", 1)
            return self.attribute(logical_id, name)
        if key == "Fn::Join":
            separator, items = argument
            return separator.join(self.resolve(items))
        if key == "Fn::Select":
            index, items = argument
            return self.resolve(items)[int(self.resolve(index))]
        if key == "Fn::Split":
            separator, text = argument
            return self.resolve(text).split(separator)
        if key == "Fn::If":
            name, when_true, when_false = argument
            return self.resolve(when_true if self.condition(name) else when_false)
        if key == "Fn::Equals":
            left, right = (self.resolve(item) for item in argument)
            return left == right
        if key == "Fn::Not":
            [inner] = argument
            return not self._condition_value(inner)
        if key == "Fn::And":
            return all(self._condition_value(inner) for inner in argument)
        if key == "Fn::Or":
            return any(self._condition_value(inner) for inner in argument)
        if key == "Condition":
            return self.condition(argument)
        raise NotImplementedError(f"{key} is not modelled")

    def _ref(self, name):
        pseudo = {
            "AWS::AccountId": self.account,
            "AWS::Partition": self.partition,
            "AWS::Region": self.region,
            "AWS::StackName": self.name,
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NoValue": _NO_VALUE,
        }
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        return self.physical_id(name)

    def _sub(self, text, variables):
        def replace(match):
            inner = match.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            if inner in variables:
                value = variables[inner]
            elif "." in inner and not inner.startswith("AWS::"):
                value = self.attribute(*inner.split(".", 1))
            else:
                value = self._ref(inner)
            if not isinstance(value, str):
                raise ValueError(f"Fn::Sub ${{{inner}}} is not a string: {value!r}")
            return value

        return re.sub(r"\$\{([^}]+)\}", replace, text)

    # --- parameters ------------------------------------------------------------------------

    def _parameter_values(self, given):
        declared = self.template.get("Parameters", {})
        unknown = set(given) - set(declared)
        if unknown:
            raise KeyError(f"the template has no parameters {sorted(unknown)}")
        values = {}
        for name, spec in declared.items():
            if name in given:
                value = given[name]
            elif "Default" in spec:
                value = spec["Default"]
            else:
                raise KeyError(f"parameter {name} has no default: give it a value")
            value = str(value) if not isinstance(value, list) else value
            self._check_parameter(name, spec, value)
            is_list = spec["Type"].startswith("List<") or spec["Type"] == "CommaDelimitedList"
            values[name] = (value.split(",") if isinstance(value, str) else value) if is_list else value
        return values

    @staticmethod
    def _check_parameter(name, spec, value):
        if isinstance(value, list):
            return
        problems = []
        if "AllowedPattern" in spec and re.fullmatch(spec["AllowedPattern"], value) is None:
            problems.append(f"does not match {spec['AllowedPattern']}")
        if "AllowedValues" in spec and value not in [str(v) for v in spec["AllowedValues"]]:
            problems.append(f"is not one of {spec['AllowedValues']}")
        if len(value) < int(spec.get("MinLength", 0)):
            problems.append(f"is shorter than {spec['MinLength']}")
        if "MaxLength" in spec and len(value) > int(spec["MaxLength"]):
            problems.append(f"is longer than {spec['MaxLength']}")
        if problems:
            raise ValueError(f"parameter {name} " + " and ".join(problems))

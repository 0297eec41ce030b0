"""Reads CloudFormation YAML (short-form tags included) and trims it for the emulator."""

import copy
import json
import os
import re

import yaml

TEMPLATE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

# Resource types our templates use that moto 5 cannot create through CloudFormation. moto
# skips such resources and then fails on any Fn::GetAtt to them, so the deploy tests drop
# them, and the outputs that name them, before deploying; static tests cover them instead.
MOTO_UNSUPPORTED_TYPES = frozenset({
    "AWS::CloudWatch::Alarm",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::CloudFront::Distribution",
    "AWS::CloudFront::OriginAccessControl",
    "AWS::S3::BucketPolicy",
})


class _CfnLoader(yaml.SafeLoader):
    pass


def _construct_tag(loader, tag_suffix, node):
    name = "Ref" if tag_suffix == "Ref" else "Fn::" + tag_suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if tag_suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_CfnLoader.add_multi_constructor("!", _construct_tag)


def load(name):
    """The template cloudformation/<name> as plain data (intrinsics in long form)."""
    with open(os.path.join(TEMPLATE_DIR, name), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass


def referenced_ids(node):
    """Logical IDs named by Ref, Fn::GetAtt and Fn::Sub anywhere inside node."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value)
            elif key == "Fn::GetAtt":
                found.add(value[0])
            elif key == "Fn::Sub":
                text = value[0] if isinstance(value, list) else value
                found.update(m.split(".")[0] for m in re.findall(r"\$\{([^!}][^}]*)\}", text))
            found |= referenced_ids(value)
    elif isinstance(node, list):
        for item in node:
            found |= referenced_ids(item)
    return found


def for_moto(template):
    """A copy without MOTO_UNSUPPORTED_TYPES resources, the outputs that use them and the
    DependsOn entries that name them.

    Returns (template body as JSON, dropped resource IDs, dropped output names).
    """
    trimmed = copy.deepcopy(template)
    dropped = {
        logical_id
        for logical_id, resource in trimmed["Resources"].items()
        if resource["Type"] in MOTO_UNSUPPORTED_TYPES
    }
    for logical_id in dropped:
        del trimmed["Resources"][logical_id]
    # A DependsOn only orders creation: the ones naming dropped resources go with them.
    for resource in trimmed["Resources"].values():
        depends_on = resource.get("DependsOn")
        if depends_on is None:
            continue
        kept = [name for name in ([depends_on] if isinstance(depends_on, str) else depends_on) if name not in dropped]
        if kept:
            resource["DependsOn"] = kept
        else:
            del resource["DependsOn"]
    for logical_id, resource in trimmed["Resources"].items():
        if referenced_ids(resource) & dropped:
            raise AssertionError(f"{logical_id} refers to a resource moto cannot create: cannot trim")
    dropped_outputs = {
        name for name, output in trimmed.get("Outputs", {}).items() if referenced_ids(output) & dropped
    }
    for name in dropped_outputs:
        del trimmed["Outputs"][name]
    return json.dumps(trimmed), dropped, dropped_outputs


def parameter_file(test, template, file_name, environment, required):
    """Reads params/FILE_NAME (the AWS CLI list form) for ENVIRONMENT, checks it as every stack's
    parameter files are checked (the list form, no duplicate or unknown key, every REQUIRED key, the
    environment's own name, ssm: values from the environment's own /DeploymentConfig/ tree) with
    TEST's assertions, and returns its values by key."""
    with open(os.path.join(TEMPLATE_DIR, "params", file_name), encoding="utf-8") as handle:
        entries = json.load(handle)
    test.assertTrue(all(set(entry) == {"ParameterKey", "ParameterValue"} for entry in entries))
    keys = [entry["ParameterKey"] for entry in entries]
    test.assertEqual(len(keys), len(set(keys)), "duplicate keys")
    test.assertLessEqual(set(keys), set(template["Parameters"]))
    test.assertLessEqual(required, set(keys))
    values = {entry["ParameterKey"]: entry["ParameterValue"] for entry in entries}
    test.assertEqual(environment, values["Environment"])
    for key, value in values.items():
        if value.startswith("ssm:"):
            test.assertTrue(value.startswith(f"ssm:/DeploymentConfig/{environment}/"), key)
    return values

"""cfn_policies: intrinsic functions, conditions, parameters and policy attachments."""

import unittest

from cfn_policies import SUFFIX, Stack

TEMPLATE = {
    "Parameters": {
        "Prefix": {"Type": "String", "Default": "app", "AllowedPattern": "^[a-z]+$"},
        "Bucket": {"Type": "String", "Default": ""},
        "Secret": {"Type": "String", "NoEcho": True, "MinLength": 16},
        "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"},
    },
    "Conditions": {
        "HasBucket": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Bucket"}, ""]}]},
        "NoBucket": {"Fn::Not": [{"Condition": "HasBucket"}]},
    },
    "Resources": {
        "Runner": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                                                            "Action": "sts:AssumeRole"}]},
                "Policies": [{"PolicyName": "inline", "PolicyDocument": {"Statement": [{
                    "Effect": "Allow", "Action": "ssm:GetParameter",
                    "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Prefix}/*"},
                }]}}],
                "ManagedPolicyArns": [{"Ref": "Shared"}, "arn:aws:iam::aws:policy/ReadOnlyAccess"],
            },
        },
        "Deployer": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "RoleName": "deployer",
                "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": {"Fn::GetAtt": ["Runner", "Arn"]}},
                                                            "Action": "sts:AssumeRole",
                                                            "Condition": {"StringEquals": {"sts:ExternalId": {"Ref": "Secret"}}}}]},
            },
        },
        "Shared": {
            "Type": "AWS::IAM::ManagedPolicy",
            "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "logs:*",
                                                             "Resource": {"Fn::Sub": "${Logs.Arn}"}}]}},
        },
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/${AWS::StackName}/logs"}}},
        "BucketAccess": {
            "Type": "AWS::IAM::Policy",
            "Condition": "HasBucket",
            "Properties": {"PolicyName": "bucket", "Roles": [{"Ref": "Runner"}, {"Ref": "Deployer"}],
                           "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                                             "Resource": {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "Bucket"}, "/*"]]}}]}},
        },
        "Literal": {
            "Type": "AWS::IAM::Policy",
            "Properties": {"PolicyName": {"Fn::If": ["NoBucket", "no-bucket", "bucket-too"]}, "Roles": [{"Ref": "Deployer"}],
                           "PolicyDocument": {"Statement": [{
                               "Effect": "Allow", "Action": "s3:ListBucket",
                               "Resource": {"Fn::Sub": ["arn:aws:s3:::${!aws:username}-${Subnet}",
                                                        {"Subnet": {"Fn::Select": [1, {"Ref": "Subnets"}]}}]},
                           }]}},
        },
    },
}
SECRET = "0123456789abcdef-secret"
REQUIRED = {"Secret": SECRET, "Subnets": "subnet-a,subnet-b"}


def stack(**parameters):
    return Stack(TEMPLATE, "demo", dict(REQUIRED, **parameters), region="eu-west-1", account="210987654321")


class StackTest(unittest.TestCase):
    def test_sub_fills_pseudo_parameters_parameters_and_attributes(self):
        runner = stack().roles()["Runner"]
        [(_, inline), (shared_id, shared)] = runner.policies
        self.assertEqual("arn:aws:ssm:eu-west-1:210987654321:parameter/app/*", inline["Statement"][0]["Resource"])
        self.assertEqual("Shared", shared_id)
        self.assertEqual("arn:aws:logs:eu-west-1:210987654321:log-group:/demo/logs:*", shared["Statement"][0]["Resource"])

    def test_role_arns_use_the_role_name_or_the_generated_one(self):
        roles = stack().roles()
        self.assertEqual(f"arn:aws:iam::210987654321:role/demo-Runner-{SUFFIX}", roles["Runner"].arn)
        self.assertEqual("arn:aws:iam::210987654321:role/deployer", roles["Deployer"].arn)
        principal = roles["Deployer"].trust_policy["Statement"][0]["Principal"]["AWS"]
        self.assertEqual(roles["Runner"].arn, principal)

    def test_no_echo_parameters_are_resolved_like_any_other(self):
        trust = stack().roles()["Deployer"].trust_policy
        self.assertEqual({"StringEquals": {"sts:ExternalId": SECRET}}, trust["Statement"][0]["Condition"])

    def test_managed_policies_from_outside_the_template_are_listed_apart(self):
        self.assertEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"], stack().roles()["Runner"].external_policy_arns)

    def test_a_policy_whose_condition_is_false_is_not_attached(self):
        names = {logical_id: [name for name, _ in role.policies] for logical_id, role in stack().roles().items()}
        self.assertEqual({"Runner": ["inline", "Shared"], "Deployer": ["no-bucket"]}, names)
        names = {logical_id: [name for name, _ in role.policies] for logical_id, role in stack(Bucket="b1").roles().items()}
        self.assertEqual({"Runner": ["inline", "Shared", "bucket"], "Deployer": ["bucket", "bucket-too"]}, names)

    def test_join_select_and_sub_with_variables_and_an_escaped_dollar(self):
        [document] = [document for name, document in stack().roles()["Deployer"].policies if name == "no-bucket"]
        self.assertEqual("arn:aws:s3:::${aws:username}-subnet-b", document["Statement"][0]["Resource"])
        [document] = [document for name, document in stack(Bucket="b1").roles()["Runner"].policies if name == "bucket"]
        self.assertEqual("arn:aws:s3:::b1/*", document["Statement"][0]["Resource"])

    def test_parameters_are_checked_as_cloudformation_would(self):
        with self.assertRaisesRegex(ValueError, "Secret is shorter than 16"):
            stack(Secret="short")
        with self.assertRaisesRegex(ValueError, "Prefix does not match"):
            stack(Prefix="App-1")
        with self.assertRaisesRegex(KeyError, "Subnets has no default"):
            Stack(TEMPLATE, "demo", {"Secret": SECRET})
        with self.assertRaisesRegex(KeyError, "no parameters"):
            stack(Unknown="x")

    def test_what_is_not_modelled_raises_instead_of_guessing(self):
        with self.assertRaises(NotImplementedError):
            stack().resolve({"Fn::GetAtt": ["Logs", "Name"]})
        with self.assertRaises(NotImplementedError):
            stack().resolve({"Fn::ImportValue": "other-stack-output"})
        with self.assertRaisesRegex(KeyError, "condition is false"):
            stack().resolve({"Ref": "BucketAccess"})
        with self.assertRaisesRegex(KeyError, "no resource Subnet"):
            stack().resolve({"Fn::Sub": "${Subnet}"})


if __name__ == "__main__":
    unittest.main()

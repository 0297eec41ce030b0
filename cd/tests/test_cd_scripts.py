"""Runs cd/deploy-wrapper.sh and cd/rollback.sh against moto with a recording bakehouse double.

Start through cd/test.sh (it provides MOTO_ENDPOINT via cloudformation/tests/with-moto.sh).
Every test starts from an empty emulator.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.request
from urllib.parse import urlparse

import boto3

CD_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
REPO = os.path.dirname(CD_DIR)
FAKE_CLI = os.path.join(CD_DIR, "tests", "fake-bakehouse.sh")
REGION = "us-east-1"
AMI_PARAMETER = "/DeploymentConfig/{}/App/AmiId"


def moto_endpoint():
    url = os.environ.get("MOTO_ENDPOINT", "")
    if urlparse(url).hostname != "127.0.0.1":
        raise RuntimeError("MOTO_ENDPOINT must point at a loopback moto_server; run cd/test.sh")
    return url


class CdScriptTestCase(unittest.TestCase):
    def setUp(self):
        self.endpoint = moto_endpoint()
        request = urllib.request.Request(self.endpoint + "/moto-api/reset", method="POST")
        urllib.request.urlopen(request, timeout=10).close()
        self.ssm = self.client("ssm")
        self.ec2 = self.client("ec2")
        self.work = tempfile.mkdtemp(prefix="cd test ")  # a space on purpose
        self.addCleanup(shutil.rmtree, self.work)
        self.record = os.path.join(self.work, "calls.jsonl")

    def client(self, service):
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test"
        )

    def aws_options(self):
        return ["--region", REGION, "--endpoint-url", self.endpoint]

    def run_script(self, script, *args, env=None):
        environment = dict(os.environ, BAKEHOUSE_CLI=FAKE_CLI, FAKE_BAKEHOUSE_RECORD=self.record)
        environment.update(env or {})
        return subprocess.run(
            [os.path.join(CD_DIR, script), *args], env=environment, capture_output=True, text=True, timeout=120
        )

    def calls(self):
        if not os.path.exists(self.record):
            return []
        with open(self.record, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]

    def bake_ami(self, name):
        source = self.ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        instance = self.ec2.run_instances(ImageId=source, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        return self.ec2.create_image(InstanceId=instance, Name=name)["ImageId"]

    def publish(self, environment, ami_id):
        return self.ssm.put_parameter(
            Name=AMI_PARAMETER.format(environment), Value=ami_id, Type="String", DataType="aws:ec2:image", Overwrite=True
        )["Version"]

    def publish_network(self, environment):
        vpc_id = self.ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
        subnets = [
            self.ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.40.{i}.0/24", AvailabilityZone=REGION + zone)["Subnet"]["SubnetId"]
            for i, zone in ((1, "a"), (2, "b"))
        ]
        prefix = f"/DeploymentConfig/{environment}/Network/"
        self.ssm.put_parameter(Name=prefix + "VpcId", Value=vpc_id, Type="String")
        self.ssm.put_parameter(Name=prefix + "LoadBalancerSubnetIds", Value=",".join(subnets), Type="StringList")
        self.ssm.put_parameter(Name=prefix + "InstanceSubnetIds", Value=",".join(subnets), Type="StringList")
        return vpc_id, ",".join(subnets)

    def assert_usage_error(self, result, message):
        self.assertEqual(2, result.returncode, result.stderr)
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        self.assertEqual(1, len(errors), result.stderr)
        self.assertEqual(errors[0], result.stderr.strip().splitlines()[-1], "the error is the last word")
        self.assertIn(message, errors[0])
        self.assertEqual([], self.calls())


class DeployWrapperTest(CdScriptTestCase):
    def deploy_call(self, ami_id, params_path, stack="bakehouse-app-dev", template=None, environment="dev"):
        return [
            "cfn-deploy",
            "--stack", stack,
            "--template", template or os.path.join(REPO, "cloudformation", "app.yaml"),
            "--params-file", params_path,
            "--param", "AmiId=" + ami_id,
            "--tag", "Environment=" + environment,
            *self.aws_options(),
            "--output", "json",
        ]

    def test_deploys_dev_with_the_published_ami_and_resolved_network(self):
        vpc_id, subnets = self.publish_network("dev")
        ami_id = self.bake_ami("app-1")
        self.publish("dev", ami_id)

        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        [call] = self.calls()
        params_path = call["argv"][call["argv"].index("--params-file") + 1]
        self.assertEqual(self.deploy_call(ami_id, params_path), call["argv"])
        self.assertFalse(os.path.exists(params_path), "the generated parameter file is removed afterwards")
        self.assertEqual(
            [
                {"ParameterKey": "Environment", "ParameterValue": "dev"},
                {"ParameterKey": "VpcId", "ParameterValue": vpc_id},
                {"ParameterKey": "LoadBalancerSubnetIds", "ParameterValue": subnets},
                {"ParameterKey": "InstanceSubnetIds", "ParameterValue": subnets},
                {"ParameterKey": "InstanceType", "ParameterValue": "t3.micro"},
                {"ParameterKey": "MinSize", "ParameterValue": "1"},
                {"ParameterKey": "DesiredCapacity", "ParameterValue": "1"},
                {"ParameterKey": "MaxSize", "ParameterValue": "2"},
                {"ParameterKey": "Http5xxAlarmThreshold", "ParameterValue": "20"},
                {"ParameterKey": "AmiId", "ParameterValue": ami_id},
            ],
            call["params_file"],
        )
        self.assertEqual({"stack": "bakehouse-app-dev", "status": "RECORDED_BY_TEST_DOUBLE"}, json.loads(result.stdout))
        self.assertIn(f"AMI for dev: {ami_id}", result.stderr)

    def test_report_option_asks_cfn_deploy_for_the_html_report(self):
        self.publish_network("dev")
        ami_id = self.bake_ami("app-1")
        self.publish("dev", ami_id)
        report = os.path.join(self.work, "reports", "deploy dev.html")

        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", "--report", report, *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        [call] = self.calls()
        params_path = call["argv"][call["argv"].index("--params-file") + 1]
        expected = self.deploy_call(ami_id, params_path)
        self.assertEqual(expected[:-2] + ["--report", report] + expected[-2:], call["argv"])

    def test_paths_with_spaces_map_form_parameters_and_a_custom_stack(self):
        ami_id = self.bake_ami("app-1")
        self.publish("prod", ami_id)
        self.ssm.put_parameter(Name="/DeploymentConfig/prod/Network/VpcId", Value="vpc-0a1b2c3d4e5f60718", Type="String")
        template_dir = os.path.join(self.work, "my templates")
        os.mkdir(template_dir)
        template = os.path.join(template_dir, "app stack.yaml")
        shutil.copy(os.path.join(REPO, "cloudformation", "app.yaml"), template)
        params = os.path.join(self.work, "prod params.json")
        with open(params, "w", encoding="utf-8") as handle:
            json.dump({"Environment": "prod", "VpcId": "ssm:/DeploymentConfig/prod/Network/VpcId", "MaxSize": 6, "AmiId": "ami-0ld"}, handle)

        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "prod", "--stack", "bakehouse-app-prod-blue",
            "--template", template, "--params-file", params, *self.aws_options(),
        )

        self.assertEqual(0, result.returncode, result.stderr)
        [call] = self.calls()
        params_path = call["argv"][call["argv"].index("--params-file") + 1]
        self.assertEqual(
            self.deploy_call(ami_id, params_path, stack="bakehouse-app-prod-blue", template=template, environment="prod"),
            call["argv"],
        )
        self.assertEqual(
            [
                {"ParameterKey": "Environment", "ParameterValue": "prod"},
                {"ParameterKey": "VpcId", "ParameterValue": "vpc-0a1b2c3d4e5f60718"},
                {"ParameterKey": "MaxSize", "ParameterValue": "6"},
                {"ParameterKey": "AmiId", "ParameterValue": ami_id},
            ],
            call["params_file"],
        )

    def test_bucket_receives_the_templates_and_parameter_files_only(self):
        self.publish_network("dev")
        self.publish("dev", self.bake_ami("app-1"))
        s3 = self.client("s3")
        s3.create_bucket(Bucket="bakehouse-templates")

        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "dev", "--bucket", "bakehouse-templates", "--prefix", "/cfn/main/",
            *self.aws_options(),
        )

        self.assertEqual(0, result.returncode, result.stderr)
        keys = {item["Key"] for item in s3.list_objects_v2(Bucket="bakehouse-templates").get("Contents", [])}
        expected = {"cfn/main/app.yaml", "cfn/main/jenkins-agents.yaml", "cfn/main/params/dev.json", "cfn/main/params/prod.json"}
        self.assertLessEqual(expected, keys)
        self.assertEqual([], [key for key in keys if not re.fullmatch(r"cfn/main/(params/[^/]+\.json|[^/]+\.ya?ml)", key)])
        self.assertEqual(1, len(self.calls()))

    def test_dry_run_prints_the_command_and_calls_nothing(self):
        self.publish_network("dev")
        ami_id = self.bake_ami("app-1")
        self.publish("dev", ami_id)

        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", "--dry-run", *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual([], self.calls())
        self.assertEqual("", result.stdout)
        self.assertRegex(result.stderr, rf"fake-bakehouse\.sh cfn-deploy --stack bakehouse-app-dev .* --param AmiId={ami_id} ")
        self.assertIn('"ParameterValue": "' + ami_id + '"', result.stderr)

    def test_missing_ami_parameter_is_a_one_line_error(self):
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())
        self.assert_usage_error(result, "SSM parameter /DeploymentConfig/dev/App/AmiId does not exist in us-east-1; publish it first")

    def test_missing_referenced_parameter_is_a_one_line_error(self):
        self.publish("dev", self.bake_ami("app-1"))
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())
        self.assertEqual(2, result.returncode)
        self.assertEqual([], self.calls())
        self.assertIn("error: SSM parameter /DeploymentConfig/dev/Network/", result.stderr)
        self.assertIn("does not exist", result.stderr)

    def test_unknown_environment_is_rejected_before_any_call(self):
        result = self.run_script("deploy-wrapper.sh", "--environment", "staging", *self.aws_options())
        self.assert_usage_error(result, "--environment must be one of: dev prod (got 'staging')")

    def test_missing_environment_is_rejected(self):
        result = self.run_script("deploy-wrapper.sh", *self.aws_options())
        self.assert_usage_error(result, "--environment is required")

    def test_a_value_that_is_not_an_ami_is_rejected(self):
        self.ssm.put_parameter(Name=AMI_PARAMETER.format("dev"), Value="latest", Type="String")
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())
        self.assert_usage_error(result, "holds 'latest', not an AMI ID")

    def test_secure_string_references_are_refused_without_showing_the_value(self):
        self.publish("dev", self.bake_ami("app-1"))
        self.ssm.put_parameter(Name="/DeploymentConfig/dev/Network/VpcId", Value="s3cr3t-value", Type="SecureString")
        self.ssm.put_parameter(Name="/DeploymentConfig/dev/Network/LoadBalancerSubnetIds", Value="subnet-1,subnet-2", Type="StringList")
        self.ssm.put_parameter(Name="/DeploymentConfig/dev/Network/InstanceSubnetIds", Value="subnet-1,subnet-2", Type="StringList")
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())
        self.assert_usage_error(result, "/DeploymentConfig/dev/Network/VpcId is a SecureString")
        self.assertNotIn("s3cr3t-value", result.stderr + result.stdout)

    def test_a_failed_deploy_fails_the_wrapper(self):
        self.publish_network("dev")
        self.publish("dev", self.bake_ami("app-1"))
        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "dev", *self.aws_options(), env={"FAKE_BAKEHOUSE_FAIL": "cfn-deploy"}
        )
        self.assertEqual(1, result.returncode)
        self.assertEqual(1, len(self.calls()))

    def test_missing_cli_is_named(self):
        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "dev", *self.aws_options(), env={"BAKEHOUSE_CLI": "/nonexistent/bakehouse"}
        )
        self.assert_usage_error(result, "bakehouse CLI '/nonexistent/bakehouse' not found")

    def test_help_describes_every_option(self):
        result = self.run_script("deploy-wrapper.sh", "--help")
        self.assertEqual(0, result.returncode)
        for option in ("--environment", "--stack", "--template", "--params-file", "--bucket", "--prefix",
                       "--region", "--endpoint-url", "--report", "--dry-run"):
            self.assertIn(option, result.stdout)


class RollbackTest(CdScriptTestCase):
    def setUp(self):
        super().setUp()
        self.publish_network("dev")
        self.ami_a, self.ami_b, self.ami_c = (self.bake_ami(f"app-{n}") for n in "abc")

    def publish_call(self, ami_id, version):
        return ["publish-ami-param", "--name", AMI_PARAMETER.format("dev"), "--ami-id", ami_id,
                "--label", f"rollback-{version}", *self.aws_options(), "--output", "json"]

    def parameter(self):
        return self.ssm.get_parameter(Name=AMI_PARAMETER.format("dev"))["Parameter"]

    def test_rolls_back_to_the_previous_ami_and_redeploys_it(self):
        for ami_id in (self.ami_a, self.ami_b, self.ami_c):
            self.publish("dev", ami_id)

        result = self.run_script("rollback.sh", "--environment", "dev", *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        publish, deploy = self.calls()
        self.assertEqual(self.publish_call(self.ami_b, 2), publish["argv"])
        self.assertEqual("cfn-deploy", deploy["argv"][0])
        self.assertIn("AmiId=" + self.ami_b, deploy["argv"])
        self.assertEqual({"ParameterKey": "AmiId", "ParameterValue": self.ami_b}, deploy["params_file"][-1])
        self.assertEqual((self.ami_b, 4), (self.parameter()["Value"], self.parameter()["Version"]))
        history = self.ssm.get_parameter_history(Name=AMI_PARAMETER.format("dev"))["Parameters"]
        self.assertEqual(["rollback-2"], [item.get("Labels") for item in history if item["Version"] == 4][0])
        self.assertEqual({"stack": "bakehouse-app-dev", "status": "RECORDED_BY_TEST_DOUBLE"}, json.loads(result.stdout))

    def test_report_option_is_passed_to_the_redeploy(self):
        for ami_id in (self.ami_a, self.ami_b):
            self.publish("dev", ami_id)
        report = os.path.join(self.work, "rollback.html")

        result = self.run_script("rollback.sh", "--environment", "dev", "--report", report, *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        publish, deploy = self.calls()
        self.assertNotIn("--report", publish["argv"])
        self.assertEqual(report, deploy["argv"][deploy["argv"].index("--report") + 1])

    def test_to_version_picks_that_version(self):
        for ami_id in (self.ami_a, self.ami_b, self.ami_c):
            self.publish("dev", ami_id)

        result = self.run_script(
            "rollback.sh", "--environment", "dev", "--to-version", "1", "--stack", "bakehouse-app-dev-green", *self.aws_options()
        )

        self.assertEqual(0, result.returncode, result.stderr)
        publish, deploy = self.calls()
        self.assertEqual(self.publish_call(self.ami_a, 1), publish["argv"])
        self.assertEqual(["--stack", "bakehouse-app-dev-green"], deploy["argv"][1:3])
        self.assertIn("AmiId=" + self.ami_a, deploy["argv"])

    def test_versions_republished_unchanged_are_skipped(self):
        for ami_id in (self.ami_a, self.ami_b, self.ami_b):
            self.publish("dev", ami_id)
        result = self.run_script("rollback.sh", "--environment", "dev", *self.aws_options())
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(self.publish_call(self.ami_a, 1), self.calls()[0]["argv"])

    def test_dry_run_changes_nothing(self):
        for ami_id in (self.ami_a, self.ami_b):
            self.publish("dev", ami_id)
        result = self.run_script("rollback.sh", "--environment", "dev", "--dry-run", *self.aws_options())
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual([], self.calls())
        self.assertEqual((self.ami_b, 2), (self.parameter()["Value"], self.parameter()["Version"]))
        self.assertIn(f"publish-ami-param --name /DeploymentConfig/dev/App/AmiId --ami-id {self.ami_a} --label rollback-1", result.stderr)
        self.assertIn("deploy-wrapper.sh --environment dev", result.stderr)

    def test_a_failed_publish_does_not_deploy(self):
        for ami_id in (self.ami_a, self.ami_b):
            self.publish("dev", ami_id)
        result = self.run_script(
            "rollback.sh", "--environment", "dev", *self.aws_options(), env={"FAKE_BAKEHOUSE_FAIL": "publish-ami-param"}
        )
        self.assertEqual(1, result.returncode)
        self.assertEqual(["publish-ami-param"], [call["argv"][0] for call in self.calls()])

    def test_nothing_to_roll_back_to(self):
        self.publish("dev", self.ami_a)
        result = self.run_script("rollback.sh", "--environment", "dev", *self.aws_options())
        self.assert_usage_error(result, "no earlier version with a different AMI")

    def test_to_version_must_exist_and_not_be_current(self):
        for ami_id in (self.ami_a, self.ami_b):
            self.publish("dev", ami_id)
        cases = {"9": "version 9 of /DeploymentConfig/dev/App/AmiId is not in its history",
                 "2": "version 2 is already the current version",
                 "two": "--to-version must be a positive version number (got 'two')"}
        for version, message in cases.items():
            with self.subTest(version=version):
                result = self.run_script("rollback.sh", "--environment", "dev", "--to-version", version, *self.aws_options())
                self.assert_usage_error(result, message)

    def test_missing_parameter_is_a_one_line_error(self):
        result = self.run_script("rollback.sh", "--environment", "prod", *self.aws_options())
        self.assert_usage_error(result, "SSM parameter /DeploymentConfig/prod/App/AmiId does not exist in us-east-1")

    def test_unknown_environment_is_rejected(self):
        result = self.run_script("rollback.sh", "--environment", "qa", *self.aws_options())
        self.assert_usage_error(result, "--environment must be one of: dev prod (got 'qa')")


if __name__ == "__main__":
    unittest.main()

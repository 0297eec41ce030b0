"""Runs cd/deploy-wrapper.sh and cd/rollback.sh against moto: with a recording bakehouse double
for the command lines they run, and with the real CLI (bin/bakehouse) for what cfn-deploy
resolves and refuses.

Start through cd/test.sh (it provides MOTO_ENDPOINT via cloudformation/tests/with-moto.sh and
builds the CLI jar when it is missing). Every test starts from an empty emulator.
"""

import json
import os
import re
import shlex
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
REAL_CLI = os.path.join(REPO, "bin", "bakehouse")
CLI_JAR = os.path.join(REPO, "cli", "target", "bakehouse.jar")
BUILD_CLI = "mvn -B -ntp -q -pl build-support/picocli,engine,cli -am package -DskipTests"
REGION = "us-east-1"
AMI_PARAMETER = "/DeploymentConfig/{}/App/AmiId"


# The app stack's AmiId (and Environment, VpcId) on a resource moto creates.
SMALL_TEMPLATE = """\
Parameters:
  Environment: {Type: String, AllowedValues: [dev, prod]}
  AmiId: {Type: "AWS::EC2::Image::Id"}
  VpcId: {Type: "AWS::EC2::VPC::Id"}
Resources:
  DeployedAmi:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Sub "/Test/${Environment}/DeployedAmi"
      Type: String
      Value: !Ref AmiId
"""


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
    """The cfn-deploy command lines the wrapper runs, recorded by the test double."""

    def deploy_call(self, params_path=None, stack="bakehouse-app-dev", template=None, environment="dev"):
        return [
            "cfn-deploy",
            "--stack", stack,
            "--template", template or os.path.join(REPO, "cloudformation", "app.yaml"),
            "--params-file", params_path or os.path.join(REPO, "cloudformation", "params", environment + ".json"),
            "--param", "AmiId=ssm:" + AMI_PARAMETER.format(environment),
            "--tag", "Environment=" + environment,
            *self.aws_options(),
            "--output", "json",
        ]

    def test_deploys_the_environments_stack_with_its_parameter_file_and_ami_parameter(self):
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        [call] = self.calls()
        self.assertEqual(self.deploy_call(), call["argv"])
        with open(os.path.join(REPO, "cloudformation", "params", "dev.json"), encoding="utf-8") as handle:
            self.assertEqual(json.load(handle), call["params_file"], "the parameter file is handed over as it is")
        self.assertEqual({"stack": "bakehouse-app-dev", "status": "RECORDED_BY_TEST_DOUBLE"}, json.loads(result.stdout))
        self.assertIn("Deploying bakehouse-app-dev with the AMI ID in /DeploymentConfig/dev/App/AmiId", result.stderr)

    def test_prod_uses_prods_stack_parameter_file_ami_parameter_and_tag(self):
        result = self.run_script("deploy-wrapper.sh", "--environment", "prod", *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        [call] = self.calls()
        self.assertEqual(self.deploy_call(stack="bakehouse-app-prod", environment="prod"), call["argv"])

    def test_report_option_asks_cfn_deploy_for_the_html_report(self):
        report = os.path.join(self.work, "reports", "deploy dev.html")

        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", "--report", report, *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        [call] = self.calls()
        expected = self.deploy_call()
        self.assertEqual(expected[:-2] + ["--report", report] + expected[-2:], call["argv"])

    def test_paths_with_spaces_and_a_custom_stack(self):
        template_dir = os.path.join(self.work, "my templates")
        os.mkdir(template_dir)
        template = os.path.join(template_dir, "app stack.yaml")
        shutil.copy(os.path.join(REPO, "cloudformation", "app.yaml"), template)
        params = os.path.join(self.work, "prod params.json")
        with open(params, "w", encoding="utf-8") as handle:
            json.dump({"Environment": "prod", "MaxSize": 6}, handle)

        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "prod", "--stack", "bakehouse-app-prod-blue",
            "--template", template, "--params-file", params, *self.aws_options(),
        )

        self.assertEqual(0, result.returncode, result.stderr)
        [call] = self.calls()
        self.assertEqual(
            self.deploy_call(params, stack="bakehouse-app-prod-blue", template=template, environment="prod"), call["argv"]
        )
        self.assertEqual({"Environment": "prod", "MaxSize": 6}, call["params_file"])

    def test_bucket_receives_the_templates_and_parameter_files_once_the_parameters_are_checked(self):
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
        check, deploy = self.calls()
        self.assertEqual(self.deploy_call()[:-2] + ["--print-parameters", "--output", "json"], check["argv"])
        self.assertEqual(self.deploy_call(), deploy["argv"])
        self.assertEqual({"stack": "bakehouse-app-dev", "status": "RECORDED_BY_TEST_DOUBLE"}, json.loads(result.stdout))

    def test_a_refused_check_syncs_nothing_and_deploys_nothing(self):
        s3 = self.client("s3")
        s3.create_bucket(Bucket="bakehouse-templates")

        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "dev", "--bucket", "bakehouse-templates", *self.aws_options(),
            env={"FAKE_BAKEHOUSE_FAIL": "cfn-deploy"},
        )

        self.assertEqual(1, result.returncode)
        self.assertEqual(["--print-parameters"], [a for a in self.calls()[0]["argv"] if a == "--print-parameters"])
        self.assertEqual(1, len(self.calls()))
        self.assertEqual([], s3.list_objects_v2(Bucket="bakehouse-templates").get("Contents", []))

    def test_a_failed_deploy_fails_the_wrapper(self):
        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "dev", *self.aws_options(), env={"FAKE_BAKEHOUSE_FAIL": "cfn-deploy"}
        )
        self.assertEqual(1, result.returncode)
        self.assertEqual(1, len(self.calls()))

    def test_unknown_environment_is_rejected_before_any_call(self):
        result = self.run_script("deploy-wrapper.sh", "--environment", "staging", *self.aws_options())
        self.assert_usage_error(result, "--environment must be one of: dev prod (got 'staging')")

    def test_missing_environment_is_rejected(self):
        result = self.run_script("deploy-wrapper.sh", *self.aws_options())
        self.assert_usage_error(result, "--environment is required")

    def test_missing_parameter_file_is_rejected(self):
        missing = os.path.join(self.work, "nope.json")
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", "--params-file", missing, *self.aws_options())
        self.assert_usage_error(result, "parameter file not found: " + missing)

    def test_missing_cli_is_named(self):
        for extra in ([], ["--dry-run"]):
            with self.subTest(extra=extra):
                result = self.run_script(
                    "deploy-wrapper.sh", "--environment", "dev", *extra, *self.aws_options(),
                    env={"BAKEHOUSE_CLI": "/nonexistent/bakehouse"},
                )
                self.assert_usage_error(result, "bakehouse CLI '/nonexistent/bakehouse' not found")

    def test_help_describes_every_option(self):
        result = self.run_script("deploy-wrapper.sh", "--help")
        self.assertEqual(0, result.returncode)
        for option in ("--environment", "--stack", "--template", "--params-file", "--bucket", "--prefix",
                       "--region", "--endpoint-url", "--report", "--dry-run"):
            self.assertIn(option, result.stdout)


class WithTheCliTestCase(CdScriptTestCase):
    """Runs the scripts with the real bakehouse CLI (bin/bakehouse and the jar the build left)."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(CLI_JAR):
            raise RuntimeError(f"{CLI_JAR} is missing; cd/test.sh builds it, or run: {BUILD_CLI}")

    def run_script(self, script, *args, env=None):
        return super().run_script(script, *args, env={"BAKEHOUSE_CLI": REAL_CLI, **(env or {})})

    def stacks(self):
        return [s["StackName"] for s in self.client("cloudformation").list_stacks()["StackSummaries"]
                if s["StackStatus"] != "DELETE_COMPLETE"]

    def small_stack(self, deploy="first"):
        """A template moto can create, with the app stack's AmiId, and its own parameter file.

        Each deploy names itself in the template's description: moto compares an update's parameters
        with those the stack was created with, so rolling back to the first AMI would look like
        "no changes" (scripts/demo.sh does the same).
        """
        template = os.path.join(self.work, f"small app {deploy}.yaml")
        with open(template, "w", encoding="utf-8") as handle:
            handle.write(f"Description: the app stack's parameters on one resource ({deploy} deploy)\n" + SMALL_TEMPLATE)
        params = os.path.join(self.work, "small dev.json")
        with open(params, "w", encoding="utf-8") as handle:
            json.dump([{"ParameterKey": "Environment", "ParameterValue": "dev"},
                       {"ParameterKey": "VpcId", "ParameterValue": "ssm:/DeploymentConfig/dev/Network/VpcId"}], handle)
        return ["--template", template, "--params-file", params]

    def stack_parameters(self, stack):
        described = self.client("cloudformation").describe_stacks(StackName=stack)["Stacks"][0]
        return {p["ParameterKey"]: p["ParameterValue"] for p in described["Parameters"]}, described.get("Tags", [])


class DeployWrapperWithTheCliTest(WithTheCliTestCase):
    def test_dry_run_prints_what_cfn_deploy_resolved_and_the_command_and_changes_nothing(self):
        vpc_id, subnets = self.publish_network("dev")
        ami_id = self.bake_ami("app-1")
        self.publish("dev", ami_id)
        s3 = self.client("s3")
        s3.create_bucket(Bucket="bakehouse-templates")

        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "dev", "--dry-run", "--bucket", "bakehouse-templates",
            "--report", os.path.join(self.work, "deploy.html"), *self.aws_options(),
        )

        self.assertEqual(0, result.returncode, result.stderr)
        resolved = json.loads(result.stdout)
        self.assertEqual("bakehouse-app-dev", resolved["stack"])
        self.assertTrue(resolved["create"])
        self.assertEqual(
            {"Environment": "dev", "AmiId": ami_id, "VpcId": vpc_id, "LoadBalancerSubnetIds": subnets,
             "InstanceSubnetIds": subnets, "InstanceType": "t3.micro", "MinSize": "1", "DesiredCapacity": "1",
             "MaxSize": "2", "Http5xxAlarmThreshold": "20"},
            resolved["parameters"],
        )
        self.assertEqual("/DeploymentConfig/dev/App/AmiId", resolved["fromSsm"]["AmiId"])
        self.assertEqual("/DeploymentConfig/dev/Network/VpcId", resolved["fromSsm"]["VpcId"])
        self.assertEqual({"Environment": "dev"}, resolved["tags"])
        lines = result.stderr.splitlines()
        self.assertEqual("Would deploy:", lines[-2])
        self.assertEqual(
            [REAL_CLI, "cfn-deploy", "--stack", "bakehouse-app-dev",
             "--template", os.path.join(REPO, "cloudformation", "app.yaml"),
             "--params-file", os.path.join(REPO, "cloudformation", "params", "dev.json"),
             "--param", "AmiId=ssm:/DeploymentConfig/dev/App/AmiId", "--tag", "Environment=dev", *self.aws_options(),
             "--report", os.path.join(self.work, "deploy.html"), "--output", "json"],
            shlex.split(lines[-1]),
        )
        self.assertIn("s3 sync " + os.path.join(REPO, "cloudformation") + " s3://bakehouse-templates/templates/", result.stderr)
        self.assertEqual([], self.stacks())
        self.assertEqual([], s3.list_objects_v2(Bucket="bakehouse-templates").get("Contents", []))
        self.assertFalse(os.path.exists(os.path.join(self.work, "deploy.html")))

    def test_deploys_with_the_published_ami(self):
        vpc_id, _ = self.publish_network("dev")
        ami_id = self.bake_ami("app-1")
        self.publish("dev", ami_id)

        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.small_stack(), *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("CREATE_COMPLETE", json.loads(result.stdout)["status"])
        parameters, tags = self.stack_parameters("bakehouse-app-dev")
        self.assertEqual({"Environment": "dev", "AmiId": ami_id, "VpcId": vpc_id}, parameters)
        self.assertIn({"Key": "Environment", "Value": "dev"}, tags)
        self.assertIn(f"Parameter AmiId = {ami_id} (from SSM /DeploymentConfig/dev/App/AmiId)", result.stderr)

    def assert_refused(self, result, message):
        """Exit 2, cfn-deploy's one error line naming the cause, and nothing created."""
        self.assertEqual(2, result.returncode, result.stderr)
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        self.assertEqual(1, len(errors), result.stderr)
        self.assertIn(message, errors[0])
        self.assertEqual("", result.stdout)
        self.assertEqual([], self.stacks())

    def test_missing_ami_parameter_is_refused_before_anything_is_created(self):
        self.publish_network("dev")
        for extra in ([], ["--dry-run"]):
            with self.subTest(extra=extra):
                result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *extra, *self.aws_options())
                self.assert_refused(result, "SSM parameter /DeploymentConfig/dev/App/AmiId (for stack parameter AmiId)"
                                            " does not exist in us-east-1; nothing was created")

    def test_missing_referenced_parameters_are_named(self):
        self.publish("dev", self.bake_ami("app-1"))
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())
        self.assert_refused(result, "do not exist in us-east-1; nothing was created")
        for name in ("VpcId", "LoadBalancerSubnetIds", "InstanceSubnetIds"):
            self.assertIn("/DeploymentConfig/dev/Network/" + name, result.stderr)

    def test_a_value_that_is_not_an_ami_is_refused(self):
        self.publish_network("dev")
        self.ssm.put_parameter(Name=AMI_PARAMETER.format("dev"), Value="build-42", Type="String")
        result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.aws_options())
        self.assert_refused(result, "SSM parameter /DeploymentConfig/dev/App/AmiId (for stack parameter AmiId, type "
                                    "AWS::EC2::Image::Id) holds 'build-42', which is not an AMI ID")

    def test_secure_string_references_are_refused_without_showing_the_value(self):
        self.publish("dev", self.bake_ami("app-1"))
        self.ssm.put_parameter(Name="/DeploymentConfig/dev/Network/VpcId", Value="s3cr3t-value", Type="SecureString")
        self.ssm.put_parameter(Name="/DeploymentConfig/dev/Network/LoadBalancerSubnetIds", Value="subnet-1,subnet-2", Type="StringList")
        self.ssm.put_parameter(Name="/DeploymentConfig/dev/Network/InstanceSubnetIds", Value="subnet-1,subnet-2", Type="StringList")
        for extra in ([], ["--dry-run"]):
            with self.subTest(extra=extra):
                result = self.run_script("deploy-wrapper.sh", "--environment", "dev", *extra, *self.aws_options())
                self.assert_refused(result, "SSM parameter /DeploymentConfig/dev/Network/VpcId (for stack parameter "
                                            "VpcId) is a SecureString")
                self.assertNotIn("s3cr3t-value", result.stderr + result.stdout)

    def test_a_refused_deployment_syncs_no_templates(self):
        self.publish_network("dev")
        s3 = self.client("s3")
        s3.create_bucket(Bucket="bakehouse-templates")
        result = self.run_script(
            "deploy-wrapper.sh", "--environment", "dev", "--bucket", "bakehouse-templates", *self.aws_options()
        )
        self.assert_refused(result, "SSM parameter /DeploymentConfig/dev/App/AmiId (for stack parameter AmiId)")
        self.assertEqual([], s3.list_objects_v2(Bucket="bakehouse-templates").get("Contents", []))


class RollbackTest(CdScriptTestCase):
    def setUp(self):
        super().setUp()
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
        self.assertIn("AmiId=ssm:/DeploymentConfig/dev/App/AmiId", deploy["argv"], "the redeploy reads the republished AMI")
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
        self.assertEqual(self.ami_a, self.parameter()["Value"])

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



class RollbackWithTheCliTest(WithTheCliTestCase):
    def test_rolls_the_stack_back_to_the_previous_ami(self):
        self.publish_network("dev")
        ami_a, ami_b = self.bake_ami("app-a"), self.bake_ami("app-b")
        self.publish("dev", ami_a)
        first = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.small_stack(), *self.aws_options())
        self.assertEqual(0, first.returncode, first.stderr)
        self.publish("dev", ami_b)
        second = self.run_script("deploy-wrapper.sh", "--environment", "dev", *self.small_stack("second"),
                                 *self.aws_options())
        self.assertEqual(0, second.returncode, second.stderr)
        self.assertEqual(ami_b, self.stack_parameters("bakehouse-app-dev")[0]["AmiId"])

        result = self.run_script("rollback.sh", "--environment", "dev", *self.small_stack("rollback"), *self.aws_options())

        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("UPDATE_COMPLETE", json.loads(result.stdout)["status"])
        self.assertEqual(ami_a, self.stack_parameters("bakehouse-app-dev")[0]["AmiId"])
        self.assertEqual(ami_a, self.ssm.get_parameter(Name="/Test/dev/DeployedAmi")["Parameter"]["Value"])
        history = self.ssm.get_parameter_history(Name=AMI_PARAMETER.format("dev"))["Parameters"]
        self.assertEqual([(3, ami_a, ["rollback-1"])],
                         [(h["Version"], h["Value"], h.get("Labels")) for h in history if h["Version"] == 3])


if __name__ == "__main__":
    unittest.main()

"""Deploys cloudformation/jenkins-agents.yaml to moto, then updates it.

moto gaps worked around here:
- its CloudFormation creates the ECR repository without the scanning configuration, so
  ScanOnPush is checked on the template (AgentsTemplateStaticTest);
- it cannot update an AWS::Logs::LogGroup in place (the resource vanishes from the stack), so
  the update test leaves LogRetentionDays alone;
- get_role_policy returns the document as Python repr text, which statements() reads;
- describe_stacks shows NoEcho parameter values (ProdDeployExternalId) in clear, where
  CloudFormation shows ****: NoEcho is checked on the template;
- on update it keeps a role's inline policies as they were created (it updates only the role's
  description), so a grant that depends on a parameter (the site distribution IDs) is tested on a
  stack created with it, and test_prod_approval evaluates the documents as the stack would hold them.
"""

import ast
import os
import subprocess
import unittest

import cfn_template
import moto_env

TEMPLATE = cfn_template.load("jenkins-agents.yaml")
ACCOUNT = "123456789012"
INVOKER_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:bakehouse-deploy-runner-invoker"
RUNNER_CLUSTER_ARN = f"arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/bakehouse-deploy-runner"
EXTERNAL_ID = "9d2b7c4e0f1a3b5c7d9e1f2a4b6c8d0e"


def statements(document):
    if isinstance(document, str):  # moto returns inline role policies as Python repr text
        document = ast.literal_eval(document)
    return {statement["Sid"]: statement for statement in document["Statement"]}


def as_list(value):
    return value if isinstance(value, list) else [value]


class AgentsStackDeployTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cfn = moto_env.client("cloudformation")
        cls.ec2 = moto_env.client("ec2")
        cls.iam = moto_env.client("iam")
        cls.body, cls.dropped, _ = cfn_template.for_moto(TEMPLATE)
        cls.vpc_id, cls.subnets = moto_env.create_network(cls.ec2, cidr="10.30.0.0/16")
        # Stack names must differ per test: ECR repository names are account-wide.
        cls.stack_name = moto_env.unique("bakehouse-agents")
        cls.repository = "bakehouse/" + cls.stack_name
        cls.cfn.create_stack(
            StackName=cls.stack_name,
            TemplateBody=cls.body,
            Parameters=cls.stack_parameters(),
            Capabilities=["CAPABILITY_IAM"],
        )
        cls.outputs = moto_env.outputs(cls.cfn, cls.stack_name)
        cls.ids = moto_env.physical_ids(cls.cfn, cls.stack_name)

    @classmethod
    def stack_parameters(cls, **overrides):
        values = {
            "VpcId": cls.vpc_id,
            "AgentSubnetIds": ",".join(cls.subnets),
            "DeployRunnerInvokerFunctionArn": INVOKER_ARN,
            "DeployRunnerClusterArn": RUNNER_CLUSTER_ARN,
            "AgentImageRepositoryName": cls.repository,
            "ProdDeployExternalId": EXTERNAL_ID,
        }
        values.update(overrides)
        return moto_env.parameters(values)

    def role_policy(self, role_arn, policy_name):
        role_name = role_arn.rsplit("/", 1)[1]
        return self.iam.get_role_policy(RoleName=role_name, PolicyName=policy_name)["PolicyDocument"]

    def test_controller_environment_is_printed_from_the_outputs(self):
        script = os.path.join(cfn_template.TEMPLATE_DIR, "..", "jenkins-docker", "controller", "agents-env.sh")
        result = subprocess.run(
            [script, "--stack", self.stack_name, "--region", moto_env.REGION, "--endpoint-url", moto_env.require_moto()],
            capture_output=True, text=True, timeout=60, check=False,
        )
        self.assertEqual(0, result.returncode, result.stderr)
        expected = {
            "BAKEHOUSE_CLUSTER_ARN": self.outputs["ClusterArn"],
            "BAKEHOUSE_TASK_ROLE_ARN": self.outputs["TaskRoleArn"],
            "BAKEHOUSE_EXECUTION_ROLE_ARN": self.outputs["ExecutionRoleArn"],
            "BAKEHOUSE_SECURITY_GROUP_ID": self.outputs["SecurityGroupId"],
            "BAKEHOUSE_SUBNET_IDS": self.outputs["SubnetIds"],
            "BAKEHOUSE_LOG_GROUP_NAME": self.outputs["LogGroupName"],
            "BAKEHOUSE_AGENT_REPOSITORY_URI": self.outputs["AgentRepositoryUri"],
            "BAKEHOUSE_CONTROLLER_POLICY_ARN": self.outputs["ControllerPolicyArn"],
            "BAKEHOUSE_PROD_ROLE_ARN": self.outputs["ProdRoleArn"],
        }
        printed = dict(line.split("=", 1) for line in result.stdout.splitlines())
        self.assertEqual(expected, printed)

    def test_nothing_is_dropped_for_moto(self):
        self.assertEqual(set(), self.dropped)

    def test_create_outputs_what_the_jenkins_configuration_needs(self):
        self.assertEqual("CREATE_COMPLETE", self.cfn.describe_stacks(StackName=self.stack_name)["Stacks"][0]["StackStatus"])
        self.assertEqual(
            {
                "ClusterArn", "TaskRoleArn", "ExecutionRoleArn", "SecurityGroupId", "SubnetIds",
                "LogGroupName", "AgentRepositoryUri", "ControllerPolicyArn", "ProdRoleArn",
            },
            set(self.outputs),
        )
        clusters = moto_env.client("ecs").describe_clusters(clusters=[self.outputs["ClusterArn"]])["clusters"]
        self.assertEqual([self.outputs["ClusterArn"]], [cluster["clusterArn"] for cluster in clusters])
        self.assertEqual(",".join(self.subnets), self.outputs["SubnetIds"])
        self.assertEqual(f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{self.repository}", self.outputs["AgentRepositoryUri"])

    def test_agent_image_tags_are_immutable(self):
        ecr = moto_env.client("ecr")
        [repository] = ecr.describe_repositories(repositoryNames=[self.repository])["repositories"]
        self.assertEqual("IMMUTABLE", repository["imageTagMutability"])

    def test_agent_logs_are_kept_for_the_retention_period(self):
        logs = moto_env.client("logs")
        groups = logs.describe_log_groups(logGroupNamePrefix=self.outputs["LogGroupName"])["logGroups"]
        self.assertEqual([(self.outputs["LogGroupName"], 30)], [(g["logGroupName"], g["retentionInDays"]) for g in groups])

    def test_agent_security_group_accepts_nothing_inbound(self):
        [group] = self.ec2.describe_security_groups(GroupIds=[self.outputs["SecurityGroupId"]])["SecurityGroups"]
        self.assertEqual(self.vpc_id, group["VpcId"])
        self.assertEqual([], group["IpPermissions"])

    def test_roles_are_assumable_by_ecs_tasks_only(self):
        for output in ("TaskRoleArn", "ExecutionRoleArn"):
            with self.subTest(role=output):
                role = self.iam.get_role(RoleName=self.outputs[output].rsplit("/", 1)[1])["Role"]
                [statement] = role["AssumeRolePolicyDocument"]["Statement"]
                self.assertEqual({"Service": "ecs-tasks.amazonaws.com"}, statement["Principal"])
                self.assertEqual({"aws:SourceAccount": ACCOUNT}, statement["Condition"]["StringEquals"])

    def test_prod_role_is_assumable_by_the_task_role_with_the_external_id_only(self):
        role = self.iam.get_role(RoleName=self.outputs["ProdRoleArn"].rsplit("/", 1)[1])["Role"]
        [statement] = role["AssumeRolePolicyDocument"]["Statement"]
        self.assertEqual(("Allow", "sts:AssumeRole"), (statement["Effect"], statement["Action"]))
        self.assertEqual({"AWS": self.outputs["TaskRoleArn"]}, statement["Principal"])
        self.assertEqual({"StringEquals": {"sts:ExternalId": EXTERNAL_ID}}, statement["Condition"])
        assume = statements(self.role_policy(self.outputs["TaskRoleArn"], "assume-prod-deploy-role"))
        self.assertEqual(("sts:AssumeRole", self.outputs["ProdRoleArn"]),
                         (assume["AssumeProdDeployRole"]["Action"], assume["AssumeProdDeployRole"]["Resource"]))

    def test_task_role_publishes_only_dev_deployment_config(self):
        document = self.role_policy(self.outputs["TaskRoleArn"], "deployment-config-parameters")
        [parameters] = statements(document).values()
        self.assertEqual(f"arn:aws:ssm:us-east-1:{ACCOUNT}:parameter/DeploymentConfig/dev/*", parameters["Resource"])
        self.assertIn("ssm:PutParameter", parameters["Action"])
        self.assertIn("ssm:GetParameterHistory", parameters["Action"])

    def test_prod_role_publishes_only_prod_deployment_config(self):
        document = statements(self.role_policy(self.outputs["ProdRoleArn"], "deployment-config-parameters"))
        parameters = document["PublishProdDeploymentConfig"]
        self.assertEqual(f"arn:aws:ssm:us-east-1:{ACCOUNT}:parameter/DeploymentConfig/prod/*", parameters["Resource"])
        self.assertIn("ssm:PutParameter", parameters["Action"])
        self.assertEqual(("ec2:DescribeImages", "*"), (document["CheckAmi"]["Action"], document["CheckAmi"]["Resource"]))

    def test_task_role_deploys_only_the_dev_app_stack_and_the_prod_role_only_prod(self):
        for output, environment in (("TaskRoleArn", "dev"), ("ProdRoleArn", "prod")):
            with self.subTest(role=output):
                document = statements(self.role_policy(self.outputs[output], "deploy-app-stacks"))
                stack = document[environment.capitalize() + "AppStack"]
                self.assertEqual(f"arn:aws:cloudformation:us-east-1:{ACCOUNT}:stack/bakehouse-app-{environment}/*", stack["Resource"])
                self.assertIn("cloudformation:ExecuteChangeSet", stack["Action"])
                group = document[environment.capitalize() + "AutoScalingGroup"]
                self.assertTrue(group["Resource"].endswith(f":autoScalingGroupName/bakehouse-app-{environment}-*"), group["Resource"])
                alarms = document[environment.capitalize() + "Alarms"]
                self.assertEqual(f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:bakehouse-app-{environment}-*", alarms["Resource"])
                shared = statements(self.role_policy(self.outputs[output], "app-stack-resources"))["AppStackResources"]
                self.assertEqual(
                    {"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}, shared["Condition"]
                )

    def test_task_role_rolls_only_the_dev_container_service_and_the_prod_role_only_prod(self):
        for output, environment in (("TaskRoleArn", "dev"), ("ProdRoleArn", "prod")):
            with self.subTest(role=output):
                document = statements(self.role_policy(self.outputs[output], "roll-container-service"))
                name = environment.capitalize()
                stack = f"bakehouse-app-ecs-{environment}"
                self.assertEqual(f"arn:aws:ecs:us-east-1:{ACCOUNT}:service/{stack}-Cluster-*/{stack}-Service-*",
                                 document[name + "ContainerService"]["Resource"])
                self.assertEqual(f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/bakehouse-app-{environment}",
                                 document[name + "Images"]["Resource"])
                self.assertEqual([f"arn:aws:iam::{ACCOUNT}:role/{stack}-TaskRole-*",
                                  f"arn:aws:iam::{ACCOUNT}:role/{stack}-ExecutionRole-*"],
                                 as_list(document[f"Pass{name}TaskRoles"]["Resource"]))
                self.assertEqual({"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}},
                                 document[f"Pass{name}TaskRoles"]["Condition"])
                self.assertEqual("ReadContainerStacks" in document, environment == "dev")
        read = statements(self.role_policy(self.outputs["TaskRoleArn"], "roll-container-service"))["ReadContainerStacks"]
        self.assertEqual([f"arn:aws:cloudformation:us-east-1:{ACCOUNT}:stack/bakehouse-app-ecs-{e}/*" for e in ("dev", "prod")],
                         as_list(read["Resource"]))

    def test_task_role_deploys_and_publishes_only_the_dev_site_and_the_prod_role_only_prod(self):
        for output, environment in (("TaskRoleArn", "dev"), ("ProdRoleArn", "prod")):
            with self.subTest(role=output):
                document = statements(self.role_policy(self.outputs[output], "deploy-and-publish-site"))
                env = environment.capitalize()
                bucket = f"arn:aws:s3:::bakehouse-site-{environment}-{ACCOUNT}-us-east-1"
                self.assertEqual(f"arn:aws:cloudformation:us-east-1:{ACCOUNT}:stack/bakehouse-site-{environment}/*",
                                 document[env + "SiteStack"]["Resource"])
                self.assertEqual(bucket, document[env + "SiteBucketThroughCloudFormation"]["Resource"])
                self.assertEqual({"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}},
                                 document[env + "SiteBucketThroughCloudFormation"]["Condition"])
                self.assertEqual(("s3:ListBucket", bucket), (document[f"Publish{env}SiteList"]["Action"],
                                                             document[f"Publish{env}SiteList"]["Resource"]))
                self.assertEqual(bucket + "/*", document[f"Publish{env}SiteObjects"]["Resource"])
                # no distribution ID given: the account's distributions (see the template's parameters)
                self.assertEqual(f"arn:aws:cloudfront::{ACCOUNT}:distribution/*", document[f"Invalidate{env}Site"]["Resource"])

    def test_task_role_invokes_only_the_deploy_runner_invoker(self):
        runner = statements(self.role_policy(self.outputs["TaskRoleArn"], "deploy-runner"))
        self.assertEqual(("lambda:InvokeFunction", INVOKER_ARN), (runner["AskTheGatekeeper"]["Action"], runner["AskTheGatekeeper"]["Resource"]))
        self.assertEqual({"ArnEquals": {"ecs:cluster": RUNNER_CLUSTER_ARN}}, runner["WatchAndStopRunnerTasks"]["Condition"])

    def test_execution_role_pulls_only_the_agent_image(self):
        document = statements(self.role_policy(self.outputs["ExecutionRoleArn"], "pull-image-write-logs"))
        self.assertEqual(f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/{self.repository}", document["PullAgentImage"]["Resource"])

    def test_no_optional_policy_without_its_parameter(self):
        self.assertNotIn("TemplatesBucketPolicy", self.ids)
        self.assertNotIn("PackerPassRolePolicy", self.ids)
        role_name = self.outputs["TaskRoleArn"].rsplit("/", 1)[1]
        self.assertEqual(
            [
                "app-stack-resources", "assume-prod-deploy-role", "deploy-and-publish-site", "deploy-app-stacks",
                "deploy-runner", "deployment-config-parameters", "packer-amazon-ebs", "roll-container-service",
                "site-stack-resources",
            ],
            sorted(self.iam.list_role_policies(RoleName=role_name)["PolicyNames"]),
        )
        prod_role_name = self.outputs["ProdRoleArn"].rsplit("/", 1)[1]
        self.assertEqual(
            ["app-stack-resources", "deploy-and-publish-site", "deploy-app-stacks", "deployment-config-parameters",
             "roll-container-service", "site-stack-resources"],
            sorted(self.iam.list_role_policies(RoleName=prod_role_name)["PolicyNames"]),
        )

    def test_site_distribution_ids_narrow_the_invalidation_grants_to_those_distributions(self):
        # a create, not an update: moto does not update a role's inline policies (see above)
        name = moto_env.unique("bakehouse-agents")
        self.cfn.create_stack(
            StackName=name,
            TemplateBody=self.body,
            Parameters=self.stack_parameters(AgentImageRepositoryName="bakehouse/" + name,
                                             DevSiteDistributionId="E2QWRUHAPOMQZL", ProdSiteDistributionId="E1PRODSITE0001"),
            Capabilities=["CAPABILITY_IAM"],
        )
        outputs = moto_env.outputs(self.cfn, name)
        for output, env, distribution in (("TaskRoleArn", "Dev", "E2QWRUHAPOMQZL"), ("ProdRoleArn", "Prod", "E1PRODSITE0001")):
            with self.subTest(role=output):
                site = statements(self.role_policy(outputs[output], "deploy-and-publish-site"))
                self.assertEqual(f"arn:aws:cloudfront::{ACCOUNT}:distribution/{distribution}",
                                 site[f"Invalidate{env}Site"]["Resource"])

    def test_update_adds_bucket_and_pass_role_grants(self):
        name = moto_env.unique("bakehouse-agents")
        repository = "bakehouse/" + name
        self.cfn.create_stack(
            StackName=name,
            TemplateBody=self.body,
            Parameters=self.stack_parameters(AgentImageRepositoryName=repository),
            Capabilities=["CAPABILITY_IAM"],
        )
        before = moto_env.outputs(self.cfn, name)
        packer_role = f"arn:aws:iam::{ACCOUNT}:role/bakehouse-packer-build"
        self.cfn.update_stack(
            StackName=name,
            TemplateBody=self.body,
            Parameters=self.stack_parameters(
                AgentImageRepositoryName=repository,
                TemplatesBucketName="bakehouse-templates-dev",
                PackerInstanceRoleArn=packer_role,
            ),
            Capabilities=["CAPABILITY_IAM"],
        )
        self.assertEqual("UPDATE_COMPLETE", self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])
        after = moto_env.outputs(self.cfn, name)
        self.assertEqual(before["ClusterArn"], after["ClusterArn"])
        self.assertEqual(before["TaskRoleArn"], after["TaskRoleArn"])
        ids = moto_env.physical_ids(self.cfn, name)
        self.assertIn("TemplatesBucketPolicy", ids)
        self.assertIn("PackerPassRolePolicy", ids)
        role_name = after["TaskRoleArn"].rsplit("/", 1)[1]
        pass_role = self.iam.get_role_policy(RoleName=role_name, PolicyName="packer-pass-instance-role")["PolicyDocument"]
        [statement] = statements(pass_role).values()
        self.assertEqual((["iam:PassRole"], [packer_role]), (as_list(statement["Action"]), as_list(statement["Resource"])))
        self.assertEqual({"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}, statement["Condition"])
        bucket = statements(self.iam.get_role_policy(RoleName=role_name, PolicyName="sync-templates")["PolicyDocument"])
        self.assertEqual("arn:aws:s3:::bakehouse-templates-dev/*", bucket["ReadWriteTemplates"]["Resource"])
        prod_role_name = after["ProdRoleArn"].rsplit("/", 1)[1]
        prod_policies = self.iam.list_role_policies(RoleName=prod_role_name)["PolicyNames"]
        self.assertIn("sync-templates", prod_policies)
        self.assertNotIn("packer-pass-instance-role", prod_policies)
        self.assertEqual(before, after)


class AgentsTemplateStaticTest(unittest.TestCase):
    resources = TEMPLATE["Resources"]

    def test_repository_scans_on_push_and_keeps_tags_immutable(self):
        properties = self.resources["AgentRepository"]["Properties"]
        self.assertIs(True, properties["ImageScanningConfiguration"]["ScanOnPush"])
        self.assertEqual("IMMUTABLE", properties["ImageTagMutability"])

    def test_every_pass_role_is_conditioned_on_the_receiving_service(self):
        found = []

        def walk(node):
            if isinstance(node, dict):
                if "iam:PassRole" in as_list(node.get("Action", [])):
                    found.append(node)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.resources)
        # Packer's instance profile, the controller's two agent roles, and each environment's container roles
        self.assertEqual(["PassAgentRoles", "PassBuildInstanceRole", "PassDevTaskRoles", "PassProdTaskRoles"],
                         sorted(statement["Sid"] for statement in found))
        for statement in found:
            with self.subTest(sid=statement["Sid"]):
                self.assertIn("iam:PassedToService", statement["Condition"]["StringEquals"])
                self.assertNotEqual("*", statement["Resource"])

    def test_external_id_is_hidden_and_cannot_be_empty(self):
        parameter = TEMPLATE["Parameters"]["ProdDeployExternalId"]
        self.assertIs(True, parameter["NoEcho"])
        self.assertNotIn("Default", parameter)
        self.assertGreaterEqual(parameter["MinLength"], 16)

    def test_packer_may_only_stop_or_terminate_its_own_build_instances(self):
        policy = self.resources["AgentTaskRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        by_sid = statements(policy)
        self.assertNotIn("ec2:TerminateInstances", by_sid["PackerBuild"]["Action"])
        self.assertEqual(
            {"StringEquals": {"ec2:ResourceTag/Builder": "bakehouse-packer"}}, by_sid["PackerBuildInstanceOnly"]["Condition"]
        )


if __name__ == "__main__":
    unittest.main()

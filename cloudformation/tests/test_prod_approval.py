"""The prod approval holds even for a build that skips it (issue 14).

Reads the policy documents of jenkins-agents.yaml and deploy-runner.yaml as stacks would have
them (cfn_policies, concrete parameter values) and evaluates them with IAM's rules (iam_eval):

- the agents' own role publishes and deploys dev (the AMI parameter, the app stack, the site stack
  and its files), and cannot publish or deploy prod, neither itself nor through a change set (the
  calls CloudFormation makes for it);
- the prod deploy role can, and only the agents' role may assume it, only with the external ID;
- no other role or policy in either template can publish or deploy prod, or hand out the prod
  role.

"Cannot" is shown twice: the exact decision for the request contexts a caller controls, and an
over-approximation that ignores every Condition (no Allow statement could ever match).
"""

import unittest

import cfn_policies
import cfn_template
from iam_eval import ALLOW, IMPLICIT_DENY, Principal, Request, evaluate, statement_matches

ACCOUNT = "123456789012"
REGION = "us-east-1"
EXTERNAL_ID = "4f9c2e7a1b3d5c6e8f0a2b4c6d8e0f1a"
AGENTS_STACK = "bakehouse-jenkins-agents"

AGENTS_REQUIRED = {
    "VpcId": "vpc-0123456789abcdef0",
    "AgentSubnetIds": "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
    "DeployRunnerInvokerFunctionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:bakehouse-deploy-runner-invoker",
    "DeployRunnerClusterArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/bakehouse-deploy-runner",
    "ProdDeployExternalId": EXTERNAL_ID,
}
DEV_DISTRIBUTION_ID = "E2QWRUHAPOMQZL"
PROD_DISTRIBUTION_ID = "E1PRODSITE0001"
AGENTS_OPTIONAL = {
    "TemplatesBucketName": "bakehouse-templates",
    "PackerInstanceRoleArn": f"arn:aws:iam::{ACCOUNT}:role/bakehouse-packer-build",
    "DevSiteDistributionId": DEV_DISTRIBUTION_ID,
    "ProdSiteDistributionId": PROD_DISTRIBUTION_ID,
}
RUNNER_PARAMETERS = {
    "VpcId": "vpc-0123456789abcdef0",
    "Subnets": "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
    "RunnerImage": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/deploy-runner:1",
    "RunnerImageRepositoryArn": f"arn:aws:ecr:{REGION}:{ACCOUNT}:repository/deploy-runner",
    "InvokerCodeBucket": "bakehouse-artifacts",
    "InvokerCodeKey": "bakehouse-invoker.jar",
    "GitTokenSecretArn": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:bakehouse-git-token",
    "InfraRepoUrl": "https://github.com/example/infra.git",
    "AppRepoUrl": "https://github.com/example/app.git",
    "CiPrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/jenkins-controller",
    "TerraformApplierPolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/bakehouse-terraform-applier",
}
# Managed policies the templates attach without holding their documents: AWS's own (read-only
# access, Lambda's log writing) and the one the operators choose for terraform apply, which the
# operator's guide (docs/operators.md) says must not reach prod parameters or stacks either.
EXTERNAL_POLICIES = {
    "TerraformPlannerTaskRole": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    "TerraformApplierTaskRole": [RUNNER_PARAMETERS["TerraformApplierPolicyArn"]],
    "InvokerRole": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
}

PROD_PARAMETER = f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/DeploymentConfig/prod/App/AmiId"
DEV_PARAMETER = f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/DeploymentConfig/dev/App/AmiId"
PROD_STACK = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/bakehouse-app-prod/6f0e4a2c-1d3b-11ef-9a7e-0a1b2c3d4e5f"
DEV_STACK = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/bakehouse-app-dev/0c8d9e3a-1d3b-11ef-b2f1-12a3b4c5d6e7"
PROD_GROUP = (f"arn:aws:autoscaling:{REGION}:{ACCOUNT}:autoScalingGroup:2f1e0d9c-8b7a-6f5e-4d3c-2b1a0f9e8d7c:"
              "autoScalingGroupName/bakehouse-app-prod-AutoScalingGroup-1Q2W3E4R5T6Y")
DEV_GROUP = PROD_GROUP.replace("-prod-", "-dev-")
PROD_ALARM = f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:bakehouse-app-prod-Target5xxAlarm-1Q2W3E4R5T6Y"
DEV_ALARM = PROD_ALARM.replace("-prod-", "-dev-")



def site_bucket(environment):
    """The bucket cloudformation/site.yaml makes as stack bakehouse-site-ENV (the name the roles must grant)."""
    site = cfn_policies.Stack(cfn_template.load("site.yaml"), f"bakehouse-site-{environment}", {"Environment": environment},
                              region=REGION, account=ACCOUNT)
    return site.attribute("Bucket", "Arn")


PROD_SITE_BUCKET = site_bucket("prod")
DEV_SITE_BUCKET = site_bucket("dev")
PROD_SITE_STACK = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/bakehouse-site-prod/7a1f5b3d-1d3b-11ef-9a7e-0a1b2c3d4e5f"
DEV_SITE_STACK = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/bakehouse-site-dev/1d9e0f4b-1d3b-11ef-b2f1-12a3b4c5d6e7"
PROD_DISTRIBUTION = f"arn:aws:cloudfront::{ACCOUNT}:distribution/{PROD_DISTRIBUTION_ID}"
DEV_DISTRIBUTION = f"arn:aws:cloudfront::{ACCOUNT}:distribution/{DEV_DISTRIBUTION_ID}"

PUBLISH = ("ssm:PutParameter", "ssm:LabelParameterVersion", "ssm:AddTagsToResource")
DEPLOY = ("cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet")
PUBLISH_SITE = ("s3:PutObject", "s3:DeleteObject")


def environment_requests(parameter, stack, site_stack, site_bucket):
    return ([(action, parameter) for action in PUBLISH] + [(action, stack) for action in DEPLOY]
            + [(action, site_stack) for action in DEPLOY] + [(action, site_bucket + "/index.html") for action in PUBLISH_SITE])


PROD_REQUESTS = environment_requests(PROD_PARAMETER, PROD_STACK, PROD_SITE_STACK, PROD_SITE_BUCKET)
DEV_REQUESTS = environment_requests(DEV_PARAMETER, DEV_STACK, DEV_SITE_STACK, DEV_SITE_BUCKET)
# Request contexts the caller controls: calling itself, or having CloudFormation call for it.
CONTEXTS = {
    "direct": {},
    "through CloudFormation": {"aws:CalledVia": ["cloudformation.amazonaws.com"]},
}
VIA_CLOUDFORMATION = CONTEXTS["through CloudFormation"]


def agents_stack(optional=False):
    parameters = dict(AGENTS_REQUIRED, **(AGENTS_OPTIONAL if optional else {}))
    return cfn_policies.Stack(cfn_template.load("jenkins-agents.yaml"), AGENTS_STACK, parameters, region=REGION, account=ACCOUNT)


def runner_stack():
    return cfn_policies.Stack(cfn_template.load("deploy-runner.yaml"), "bakehouse-deploy-runner", RUNNER_PARAMETERS,
                              region=REGION, account=ACCOUNT)


AGENTS_VARIANTS = {"required parameters only": agents_stack(), "with every optional policy": agents_stack(optional=True)}
AGENTS = AGENTS_VARIANTS["with every optional policy"].roles()
AGENT_ROLE = AGENTS["AgentTaskRole"]
PROD_ROLE = AGENTS["ProdDeployRole"]


class EvaluationCase(unittest.TestCase):
    def decide(self, documents, action, resource, context=None, principal=None):
        decision = evaluate(documents, Request(action, resource, context or {}, principal))
        self.assertEqual((), decision.unevaluated, "every condition of these templates must be evaluable")
        return decision

    def assert_allowed(self, role, action, resource, context=None):
        decision = self.decide(role.documents, action, resource, context)
        self.assertEqual(ALLOW, decision.effect, f"{role.logical_id} should be allowed {action} on {resource}")

    def assert_never_allowed(self, role, action, resource):
        for name, context in CONTEXTS.items():
            decision = self.decide(role.documents, action, resource, context)
            self.assertNotEqual(ALLOW, decision.effect, f"{role.logical_id} may {action} on {resource} ({name}): {decision}")
        self.assertEqual([], granting_statements(role.documents, action, resource),
                         f"{role.logical_id} has statements that could allow {action} on {resource} under some condition")


def granting_statements(documents, action, resource):
    """Allow statements that match the action and resource whatever their conditions say."""
    request = Request(action, resource)
    return [
        statement.get("Sid", statement)
        for document in documents
        for statement in document["Statement"]
        if statement["Effect"] == "Allow" and statement_matches(statement, request, ignore_conditions=True)
    ]


class AgentRoleTest(EvaluationCase):
    def test_cannot_publish_a_prod_parameter_nor_deploy_the_prod_stack(self):
        for variant, stack in AGENTS_VARIANTS.items():
            role = stack.roles()["AgentTaskRole"]
            for action, resource in PROD_REQUESTS:
                with self.subTest(variant=variant, action=action):
                    self.assert_never_allowed(role, action, resource)

    def test_cannot_cancel_or_delete_the_prod_stack_or_its_change_sets(self):
        for action in ("cloudformation:CancelUpdateStack", "cloudformation:DeleteStack", "cloudformation:DeleteChangeSet"):
            with self.subTest(action=action):
                self.assert_never_allowed(AGENT_ROLE, action, PROD_STACK)

    def test_publishes_and_deploys_dev(self):
        for action, resource in DEV_REQUESTS:
            with self.subTest(action=action):
                self.assert_allowed(AGENT_ROLE, action, resource)

    def test_reads_only_dev_parameters(self):
        self.assert_allowed(AGENT_ROLE, "ssm:GetParameters", DEV_PARAMETER.replace("App/AmiId", "Network/VpcId"))
        self.assert_never_allowed(AGENT_ROLE, "ssm:GetParameter", PROD_PARAMETER.replace("App/AmiId", "Network/VpcId"))

    def test_creates_the_dev_stacks_resources_only_through_cloudformation(self):
        self.assert_allowed(AGENT_ROLE, "autoscaling:UpdateAutoScalingGroup", DEV_GROUP, VIA_CLOUDFORMATION)
        self.assert_allowed(AGENT_ROLE, "cloudwatch:PutMetricAlarm", DEV_ALARM, VIA_CLOUDFORMATION)
        self.assertEqual(IMPLICIT_DENY, self.decide(AGENT_ROLE.documents, "autoscaling:UpdateAutoScalingGroup", DEV_GROUP).effect)

    def test_cannot_touch_the_prod_stacks_auto_scaling_group_or_alarms_even_through_cloudformation(self):
        for action, resource in (("autoscaling:UpdateAutoScalingGroup", PROD_GROUP), ("autoscaling:SetDesiredCapacity", PROD_GROUP),
                                 ("cloudwatch:DeleteAlarms", PROD_ALARM)):
            with self.subTest(action=action):
                self.assert_never_allowed(AGENT_ROLE, action, resource)

    def test_may_assume_the_prod_role_and_no_other(self):
        self.assert_allowed(AGENT_ROLE, "sts:AssumeRole", PROD_ROLE.arn)
        for other in (AGENTS["AgentExecutionRole"].arn, PROD_ROLE.arn + "-copy", f"arn:aws:iam::{ACCOUNT}:role/admin"):
            with self.subTest(role=other):
                self.assert_never_allowed(AGENT_ROLE, "sts:AssumeRole", other)

    def test_cannot_read_the_external_id_from_the_prod_roles_trust_policy(self):
        for action in ("iam:GetRole", "iam:ListRoles", "iam:UpdateAssumeRolePolicy"):
            with self.subTest(action=action):
                self.assert_never_allowed(AGENT_ROLE, action, PROD_ROLE.arn)


class ProdRoleTest(EvaluationCase):
    def test_publishes_and_deploys_prod(self):
        for action, resource in PROD_REQUESTS:
            with self.subTest(action=action):
                self.assert_allowed(PROD_ROLE, action, resource)

    def test_reads_what_the_prod_deploy_reads(self):
        self.assert_allowed(PROD_ROLE, "ssm:GetParameters", PROD_PARAMETER.replace("App/AmiId", "Network/CertificateArn"))
        self.assert_allowed(PROD_ROLE, "ssm:GetParameter", PROD_PARAMETER)
        self.assert_allowed(PROD_ROLE, "ec2:DescribeImages", "*")
        self.assert_allowed(PROD_ROLE, "cloudformation:DescribeStackEvents", PROD_STACK)

    def test_cleans_up_after_itself_like_the_agents_role_in_dev(self):
        # cfn-deploy cancels the update it started when the build is aborted, and deletes a stack
        # it failed to create (REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE)
        for role, stack in ((PROD_ROLE, PROD_STACK), (AGENT_ROLE, DEV_STACK)):
            for action in ("cloudformation:CancelUpdateStack", "cloudformation:DeleteStack", "cloudformation:DeleteChangeSet"):
                with self.subTest(role=role.logical_id, action=action):
                    self.assert_allowed(role, action, stack)

    def test_creates_the_prod_stacks_resources_through_cloudformation(self):
        self.assert_allowed(PROD_ROLE, "autoscaling:UpdateAutoScalingGroup", PROD_GROUP, VIA_CLOUDFORMATION)
        self.assert_allowed(PROD_ROLE, "cloudwatch:PutMetricAlarm", PROD_ALARM, VIA_CLOUDFORMATION)
        self.assert_allowed(PROD_ROLE, "elasticloadbalancing:CreateListener", "*", VIA_CLOUDFORMATION)
        self.assert_allowed(PROD_ROLE, "ec2:CreateLaunchTemplateVersion", "*", VIA_CLOUDFORMATION)

    def test_stays_out_of_dev(self):
        for action, resource in DEV_REQUESTS:
            with self.subTest(action=action):
                self.assert_never_allowed(PROD_ROLE, action, resource)

    def test_trusts_only_the_agents_role_with_the_external_id(self):
        agent = Principal.aws(AGENT_ROLE.arn)
        trust = [PROD_ROLE.trust_policy]
        self.assertEqual(ALLOW, self.decide(trust, "sts:AssumeRole", "*", {"sts:ExternalId": EXTERNAL_ID}, agent).effect)
        for name, context in (("no external ID", {}), ("a wrong one", {"sts:ExternalId": EXTERNAL_ID[:-1]}),
                              ("another case", {"sts:ExternalId": EXTERNAL_ID.upper()})):
            with self.subTest(agent=name):
                self.assertEqual(IMPLICIT_DENY, self.decide(trust, "sts:AssumeRole", "*", context, agent).effect)
        others = [Principal.aws(role.arn) for stack in (agents_stack(True), runner_stack())
                  for role in stack.roles().values() if role.arn != AGENT_ROLE.arn]
        others += [Principal.aws(f"arn:aws:iam::{ACCOUNT}:root"), Principal.aws(RUNNER_PARAMETERS["CiPrincipalArn"]),
                   Principal.service("ecs-tasks.amazonaws.com")]
        for principal in others:
            with self.subTest(principal=principal.name):
                decision = self.decide(trust, "sts:AssumeRole", "*", {"sts:ExternalId": EXTERNAL_ID}, principal)
                self.assertEqual(IMPLICIT_DENY, decision.effect)

    def test_trust_allows_only_sts_assume_role(self):
        agent = Principal.aws(AGENT_ROLE.arn)
        for action in ("sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity"):
            with self.subTest(action=action):
                decision = self.decide([PROD_ROLE.trust_policy], action, "*", {"sts:ExternalId": EXTERNAL_ID}, agent)
                self.assertEqual(IMPLICIT_DENY, decision.effect)


class SiteTest(EvaluationCase):
    """Each role deploys and publishes its own environment's site stack (cloudformation/site.yaml)."""

    ROLES = ((AGENT_ROLE, "dev", DEV_SITE_BUCKET, DEV_SITE_STACK, DEV_DISTRIBUTION),
             (PROD_ROLE, "prod", PROD_SITE_BUCKET, PROD_SITE_STACK, PROD_DISTRIBUTION))

    def test_the_bucket_the_roles_grant_is_the_one_the_site_stack_makes(self):
        self.assertEqual(f"arn:aws:s3:::bakehouse-site-dev-{ACCOUNT}-{REGION}", DEV_SITE_BUCKET)
        self.assertEqual(f"arn:aws:s3:::bakehouse-site-prod-{ACCOUNT}-{REGION}", PROD_SITE_BUCKET)

    def test_each_role_does_what_publish_site_does_in_its_environment(self):
        for role, environment, bucket, _, distribution in self.ROLES:
            for action, resource in (("s3:ListBucket", bucket), ("s3:GetObject", bucket + "/assets/app.css"),
                                     ("s3:PutObject", bucket + "/index.html"), ("s3:DeleteObject", bucket + "/old.html"),
                                     ("cloudfront:GetDistribution", distribution),
                                     ("cloudfront:CreateInvalidation", distribution),
                                     ("cloudfront:GetInvalidation", distribution)):
                with self.subTest(environment=environment, action=action):
                    self.assert_allowed(role, action, resource)

    def test_each_role_deploys_its_site_stack_and_creates_its_resources_through_cloudformation_only(self):
        for role, environment, bucket, stack, distribution in self.ROLES:
            for action, resource in (("s3:CreateBucket", bucket), ("s3:PutBucketPolicy", bucket),
                                     ("s3:PutEncryptionConfiguration", bucket), ("s3:PutBucketPublicAccessBlock", bucket),
                                     ("cloudfront:CreateDistribution", distribution),
                                     ("cloudfront:UpdateDistribution", distribution),
                                     ("cloudfront:CreateOriginAccessControl",
                                      f"arn:aws:cloudfront::{ACCOUNT}:origin-access-control/E3ORIGINACCESS")):
                with self.subTest(environment=environment, action=action):
                    self.assert_allowed(role, action, resource, VIA_CLOUDFORMATION)
                    self.assertEqual(IMPLICIT_DENY, self.decide(role.documents, action, resource).effect)
            self.assert_allowed(role, "cloudformation:DescribeStackEvents", stack)
            self.assert_allowed(role, "cloudformation:DeleteStack", stack)

    def test_no_role_touches_the_other_environments_site(self):
        for role, environment, _, _, _ in self.ROLES:
            other = [entry for entry in self.ROLES if entry[1] != environment][0]
            _, _, bucket, stack, distribution = other
            for action, resource in (("s3:ListBucket", bucket), ("s3:GetObject", bucket + "/index.html"),
                                     ("s3:PutObject", bucket + "/index.html"), ("s3:PutBucketPolicy", bucket),
                                     ("s3:DeleteBucket", bucket), ("cloudformation:DeleteStack", stack),
                                     ("cloudformation:CreateChangeSet", stack),
                                     ("cloudfront:CreateInvalidation", distribution)):
                with self.subTest(role=role.logical_id, action=action):
                    self.assert_never_allowed(role, action, resource)

    def test_without_distribution_ids_the_roles_may_read_and_invalidate_any_distribution_but_change_none(self):
        # The IDs exist only once the site stacks do; until the operator passes them, the grant
        # names the account's distributions, for the three calls publishSite makes and no other.
        agents = AGENTS_VARIANTS["required parameters only"].roles()
        for logical_id, foreign in (("AgentTaskRole", PROD_DISTRIBUTION), ("ProdDeployRole", DEV_DISTRIBUTION)):
            role = agents[logical_id]
            with self.subTest(role=logical_id):
                self.assert_allowed(role, "cloudfront:CreateInvalidation", foreign)
                for action in ("cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution",
                               "cloudfront:CreateDistribution", "cloudfront:TagResource"):
                    self.assertEqual(IMPLICIT_DENY, self.decide(role.documents, action, foreign).effect, action)


class NobodyElseTest(EvaluationCase):
    def everyone_but_the_prod_role(self):
        for variant, stack in list(AGENTS_VARIANTS.items()) + [("deploy runner", runner_stack())]:
            for role in stack.roles().values():
                if role.arn != PROD_ROLE.arn:
                    yield variant, role

    def test_no_other_role_publishes_or_deploys_prod(self):
        for variant, role in self.everyone_but_the_prod_role():
            for action, resource in PROD_REQUESTS:
                with self.subTest(variant=variant, role=role.logical_id, action=action):
                    self.assert_never_allowed(role, action, resource)

    def test_no_other_policy_publishes_or_deploys_prod(self):
        # ControllerPolicy is not attached to a role of the template: the operator attaches it to
        # the controller's own role.
        for variant, stack in AGENTS_VARIANTS.items():
            documents = list(stack.managed_policies().values())
            self.assertTrue(documents)
            for action, resource in PROD_REQUESTS:
                with self.subTest(variant=variant, action=action):
                    self.assertEqual([], granting_statements(documents, action, resource))

    def test_no_one_else_may_assume_or_pass_the_prod_role(self):
        for variant, role in self.everyone_but_the_prod_role():
            if role.arn == AGENT_ROLE.arn:
                continue
            for action in ("sts:AssumeRole", "iam:PassRole"):
                with self.subTest(variant=variant, role=role.logical_id, action=action):
                    self.assert_never_allowed(role, action, PROD_ROLE.arn)
        self.assert_never_allowed(AGENT_ROLE, "iam:PassRole", PROD_ROLE.arn)
        controller = list(AGENTS_VARIANTS["with every optional policy"].managed_policies().values())
        self.assertEqual([], granting_statements(controller, "iam:PassRole", PROD_ROLE.arn))

    def test_the_only_policies_not_shown_here_are_the_known_managed_ones(self):
        found = {role.logical_id: role.external_policy_arns for _, role in self.everyone_but_the_prod_role() if role.external_policy_arns}
        self.assertEqual(EXTERNAL_POLICIES, found)
        self.assertEqual([], PROD_ROLE.external_policy_arns)


if __name__ == "__main__":
    unittest.main()

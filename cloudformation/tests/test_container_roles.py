"""The container pipeline's rights (Jenkinsfile.containers, docs/container-pipeline.md).

The names come from cloudformation/app-ecs.yaml deployed on paper as the two container stacks
(cfn_policies names the resources as CloudFormation would); the policies from
jenkins-agents.yaml, evaluated with IAM's rules (iam_eval), as test_prod_approval does for the AMI
path:

- the agents' own role reads both container stacks and rolls dev's service with exactly the calls
  ecsServiceDeploy makes (the service, revisions of its task definition family and their tags,
  the deployment's tasks and alarms, the image and its scan, passing the stack's two roles to ECS
  tasks), and can roll nothing in prod;
- the prod deploy role rolls prod's the same way and nothing in dev;
- no other role of the agents' or the deploy runner's stack rolls prod's service or passes its
  roles.
"""

import unittest

import cfn_template
from cfn_policies import Stack
from iam_eval import ALLOW, IMPLICIT_DENY
from test_prod_approval import (ACCOUNT, AGENT_ROLE, AGENTS_VARIANTS, PROD_ROLE, REGION, EvaluationCase,
                                granting_statements, runner_stack)

APP_ECS = cfn_template.load("app-ecs.yaml")
TO_ECS_TASKS = {"iam:PassedToService": "ecs-tasks.amazonaws.com"}
ON_REGISTER = {"ecs:CreateAction": "RegisterTaskDefinition"}


class ContainerStack:
    """The ARNs of what a container stack holds and ecsServiceDeploy touches."""

    def __init__(self, environment):
        values = {"Environment": environment, "ImageTag": "3f9c2ab", "VpcId": "vpc-0123456789abcdef0",
                  "LoadBalancerSubnetIds": "subnet-a,subnet-b", "TaskSubnetIds": "subnet-c,subnet-d"}
        self.name = f"bakehouse-app-ecs-{environment}"
        stack = Stack(APP_ECS, self.name, values, region=REGION, account=ACCOUNT)
        resources = APP_ECS["Resources"]
        cluster = stack.physical_id("Cluster")
        where = f"{REGION}:{ACCOUNT}"
        self.stack = f"arn:aws:cloudformation:{where}:stack/{self.name}/0c8d9e3a-1d3b-11ef-b2f1-12a3b4c5d6e7"
        self.cluster = stack.attribute("Cluster", "Arn")
        self.service = f"arn:aws:ecs:{where}:service/{cluster}/{stack.physical_id('Service')}"
        self.task = f"arn:aws:ecs:{where}:task/{cluster}/0123456789abcdef0123456789abcdef"
        family = stack.resolve(resources["TaskDefinition"]["Properties"]["Family"])
        self.task_definition = f"arn:aws:ecs:{where}:task-definition/{family}:8"
        self.repository = stack.attribute("Repository", "Arn")
        self.roles = [stack.roles()["TaskRole"].arn, stack.roles()["ExecutionRole"].arn]
        self.alarms = [f"arn:aws:cloudwatch:{where}:alarm:{stack.resolve(resources[a]['Properties']['AlarmName'])}"
                       for a in ("Target5xxAlarm", "LoadBalancer5xxAlarm", "UnhealthyHostsAlarm")]

    def rollout(self):
        """(action, resource, context) of every call ecsServiceDeploy makes for this stack's service."""
        calls = [
            ("ecs:DescribeServices", self.service, {}),
            ("ecs:UpdateService", self.service, {}),
            ("ecs:DescribeTaskDefinition", "*", {}),
            ("ecs:RegisterTaskDefinition", "*", {}),
            ("ecs:DeregisterTaskDefinition", "*", {}),
            ("ecs:TagResource", self.task_definition, ON_REGISTER),
            ("ecs:ListTasks", "*", {"ecs:cluster": self.cluster}),
            ("ecs:DescribeTasks", self.task, {"ecs:cluster": self.cluster}),
            ("ecr:DescribeImages", self.repository, {}),
            ("ecr:DescribeImageScanFindings", self.repository, {}),
        ]
        calls += [("cloudwatch:DescribeAlarms", alarm, {}) for alarm in self.alarms]
        calls += [("iam:PassRole", role, TO_ECS_TASKS) for role in self.roles]
        return calls

    def environment_bound(self):
        """The calls above that act on this environment's resources (not "*")."""
        return [(action, resource) for action, resource, _ in self.rollout() if resource != "*"]

    def changes(self):
        """The calls above that change what the environment runs, or hand its roles out."""
        return [(action, resource) for action, resource in self.environment_bound()
                if action in ("ecs:UpdateService", "ecs:TagResource", "iam:PassRole")]


DEV = ContainerStack("dev")
PROD = ContainerStack("prod")


class ContainerRolloutTest(EvaluationCase):
    def test_agents_role_reads_both_container_stacks_and_changes_neither(self):
        for stack in (DEV, PROD):
            with self.subTest(stack=stack.name):
                self.assert_allowed(AGENT_ROLE, "cloudformation:DescribeStacks", stack.stack)
                for action in ("cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet",
                               "cloudformation:UpdateStack", "cloudformation:DeleteStack"):
                    self.assert_never_allowed(AGENT_ROLE, action, stack.stack)

    def test_each_role_rolls_its_own_environments_service(self):
        for role, stack in ((AGENT_ROLE, DEV), (PROD_ROLE, PROD)):
            for action, resource, context in stack.rollout():
                with self.subTest(role=role.logical_id, action=action, resource=resource):
                    self.assert_allowed(role, action, resource, context)

    def test_neither_role_touches_the_other_environments_service_images_or_roles(self):
        for role, other in ((AGENT_ROLE, PROD), (PROD_ROLE, DEV)):
            for action, resource in other.environment_bound():
                with self.subTest(role=role.logical_id, action=action, resource=resource):
                    for context in ({}, TO_ECS_TASKS, ON_REGISTER, {"ecs:cluster": other.cluster}):
                        self.assertNotEqual(ALLOW, self.decide(role.documents, action, resource, context).effect)

    def test_roles_pass_only_to_ecs_tasks(self):
        for role, stack in ((AGENT_ROLE, DEV), (PROD_ROLE, PROD)):
            for arn in stack.roles:
                for service in ({}, {"iam:PassedToService": "lambda.amazonaws.com"},
                                {"iam:PassedToService": "ec2.amazonaws.com"}):
                    with self.subTest(role=role.logical_id, passed=arn, to=service):
                        self.assertEqual(IMPLICIT_DENY, self.decide(role.documents, "iam:PassRole", arn, service).effect)

    def test_no_other_role_or_tag_is_reached(self):
        other_role = f"arn:aws:iam::{ACCOUNT}:role/bakehouse-app-ecs-dev-admin"
        other_family = DEV.task_definition.replace("bakehouse-app-dev:", "other-app:")
        for role in (AGENT_ROLE, PROD_ROLE):
            with self.subTest(role=role.logical_id):
                self.assertEqual(IMPLICIT_DENY, self.decide(role.documents, "iam:PassRole", other_role, TO_ECS_TASKS).effect)
                self.assertEqual(IMPLICIT_DENY, self.decide(role.documents, "ecs:TagResource", other_family, ON_REGISTER).effect)
                # tagging an existing revision, rather than one being registered, is not needed
                self.assertEqual(IMPLICIT_DENY, self.decide(role.documents, "ecs:TagResource", DEV.task_definition).effect)
                for action in ("ecs:CreateService", "ecs:DeleteService", "ecs:RunTask", "ecs:StopTask",
                               "ecr:PutImage", "ecr:BatchDeleteImage", "ecr:SetRepositoryPolicy"):
                    resource = PROD.service if action.startswith("ecs:") else PROD.repository
                    self.assertNotEqual(ALLOW, self.decide(role.documents, action, resource).effect)

    def test_no_other_role_rolls_prods_service_or_passes_its_roles(self):
        roles = [(variant, role) for variant, stack in list(AGENTS_VARIANTS.items()) + [("deploy runner", runner_stack())]
                 for role in stack.roles().values() if role.arn != PROD_ROLE.arn]
        for variant, role in roles:
            for action, resource in PROD.changes():
                with self.subTest(variant=variant, role=role.logical_id, action=action, resource=resource):
                    self.assert_never_allowed(role, action, resource)
        controller = list(AGENTS_VARIANTS["with every optional policy"].managed_policies().values())
        for action, resource in PROD.changes():
            with self.subTest(policy="ControllerPolicy", action=action):
                self.assertEqual([], granting_statements(controller, action, resource))


if __name__ == "__main__":
    unittest.main()

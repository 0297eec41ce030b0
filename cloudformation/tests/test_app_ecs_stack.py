"""Deploys cloudformation/app-ecs.yaml to moto, rolls it to a new image, and checks on paper
what moto does not keep.

moto gaps worked around here (the template itself is deployed unchanged otherwise):
- AWS::CloudWatch::Alarm and AWS::EC2::SecurityGroupEgress cannot be created by moto's
  CloudFormation; cfn_template.for_moto drops them, the DependsOn entries naming them and the
  DeploymentAlarmNames output. The service names its deployment alarms by the names their
  AlarmName properties set (not by Ref), so it survives the trim; AppEcsTemplateStaticTest
  checks the alarms and that those names match.
- moto's ECS keeps only part of what CloudFormation passes: for the service its cluster, task
  definition and desired count (no launch type, deployment configuration, load balancers or
  network configuration); for the task definition the family and the container definitions
  (no network mode, CPU, roles); for the repository the tag mutability (no scan setting, no
  lifecycle policy), and no inline SecurityGroupEgress (the group keeps allow-all egress).
  The deploy tests check what moto keeps; the static tests check the rest in the template,
  with the IAM policies evaluated by iam_eval as the stack would hold them.
- On update moto does not register a new task definition revision when only the image
  parameter changes (it reports the new ImageInUse output); rolling the image is the job of
  ecs-service-deploy, whose own tests run against moto's ECS API.
"""

import ast
import json
import os
import re
import unittest

import cfn_template
import iam_eval
import moto_env
from cfn_policies import Stack
from iam_eval import Principal, Request

TEMPLATE = cfn_template.load("app-ecs.yaml")
DOCKERFILE = os.path.join(cfn_template.TEMPLATE_DIR, "..", "app", "Dockerfile")
ACCOUNT = "123456789012"


class AppEcsStackDeployTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cfn = moto_env.client("cloudformation")
        cls.ec2 = moto_env.client("ec2")
        cls.elbv2 = moto_env.client("elbv2")
        cls.ecs = moto_env.client("ecs")
        cls.ecr = moto_env.client("ecr")
        cls.iam = moto_env.client("iam")
        cls.logs = moto_env.client("logs")
        cls.body, cls.dropped, cls.dropped_outputs = cfn_template.for_moto(TEMPLATE)
        cls.vpc_id, cls.subnets = moto_env.create_network(cls.ec2, cidr="10.30.0.0/16")

    def stack_parameters(self, **overrides):
        values = {
            "Environment": "dev",
            "ImageTag": "3f9c2ab",
            "VpcId": self.vpc_id,
            "LoadBalancerSubnetIds": ",".join(self.subnets),
            "TaskSubnetIds": ",".join(self.subnets),
            "DesiredCount": "1",
        }
        values.update(overrides)
        return moto_env.parameters(values)

    def create(self, **overrides):
        name = moto_env.unique("bakehouse-app-ecs")
        self.cfn.create_stack(StackName=name, TemplateBody=self.body, Parameters=self.stack_parameters(**overrides))
        self.assertEqual("CREATE_COMPLETE", self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])
        self.addCleanup(self.delete, name)
        return name

    def delete(self, name):
        # The stack retains its repository, whose name is fixed per environment: the next
        # test's stack needs it gone.
        repository = moto_env.physical_ids(self.cfn, name)["Repository"]
        self.cfn.delete_stack(StackName=name)
        self.ecr.delete_repository(repositoryName=repository, force=True)

    def update(self, name, **overrides):
        self.cfn.update_stack(StackName=name, TemplateBody=self.body, Parameters=self.stack_parameters(**overrides))
        self.assertEqual("UPDATE_COMPLETE", self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])

    def service(self, name):
        out = moto_env.outputs(self.cfn, name)
        services = self.ecs.describe_services(cluster=out["ClusterName"], services=[out["ServiceName"]])
        [service] = services["services"]
        return service

    def container(self, task_definition_arn):
        definition = self.ecs.describe_task_definition(taskDefinition=task_definition_arn)["taskDefinition"]
        [container] = definition["containerDefinitions"]
        return definition, container

    def test_only_resources_moto_lacks_are_dropped(self):
        self.assertEqual(
            {"Target5xxAlarm", "LoadBalancer5xxAlarm", "UnhealthyHostsAlarm", "LoadBalancerToTasksEgress"}, self.dropped
        )
        self.assertEqual({"DeploymentAlarmNames"}, self.dropped_outputs)
        trimmed = json.loads(self.body)
        self.assertEqual(["ForwardingListenerReady"], trimmed["Resources"]["Service"]["DependsOn"])

    def test_create_reports_cluster_service_repository_and_load_balancer(self):
        name = self.create()
        out = moto_env.outputs(self.cfn, name)
        ids = moto_env.physical_ids(self.cfn, name)
        self.assertEqual("bakehouse-app-dev", out["RepositoryName"])
        self.assertEqual(f"{ACCOUNT}.dkr.ecr.{moto_env.REGION}.amazonaws.com/bakehouse-app-dev", out["RepositoryUri"])
        self.assertEqual(out["RepositoryUri"] + ":3f9c2ab", out["ImageInUse"])
        self.assertTrue(out["LoadBalancerDnsName"].endswith(".elb.amazonaws.com"), out["LoadBalancerDnsName"])
        self.assertEqual("http://" + out["LoadBalancerDnsName"], out["Url"])
        self.assertEqual(ids["Cluster"], out["ClusterName"])
        self.assertEqual(f"/bakehouse/app-ecs/dev/{name}", out["LogGroupName"])
        service = self.service(name)
        self.assertEqual("ACTIVE", service["status"])
        self.assertEqual(ids["Service"], service["serviceArn"])
        self.assertTrue(service["clusterArn"].endswith(":cluster/" + out["ClusterName"]), service["clusterArn"])
        self.assertEqual(1, service["desiredCount"])
        self.assertEqual(out["TaskDefinitionArn"], service["taskDefinition"])
        self.assertRegex(out["TaskDefinitionArn"], r":task-definition/bakehouse-app-dev:\d+$")

    def test_container_runs_the_commit_image_as_non_root_with_its_own_health_check_and_log(self):
        name = self.create()
        out = moto_env.outputs(self.cfn, name)
        definition, container = self.container(out["TaskDefinitionArn"])
        self.assertEqual("bakehouse-app-dev", definition["family"])
        self.assertEqual("app", container["name"])
        self.assertEqual(out["RepositoryUri"] + ":3f9c2ab", container["image"])
        self.assertTrue(container["essential"])
        self.assertEqual("65532:65532", container["user"])
        self.assertTrue(container["readonlyRootFilesystem"])
        self.assertEqual([{"containerPort": 8080, "protocol": "tcp"}], container["portMappings"])
        self.assertEqual([{"name": "PORT", "value": "8080"}], container["environment"])
        self.assertEqual(["CMD", "/bakehouse-app", "-healthcheck"], container["healthCheck"]["command"])
        log = container["logConfiguration"]
        self.assertEqual("awslogs", log["logDriver"])
        self.assertEqual({"awslogs-group": out["LogGroupName"], "awslogs-region": moto_env.REGION, "awslogs-stream-prefix": "app"},
                         log["options"])
        [group] = self.logs.describe_log_groups(logGroupNamePrefix=out["LogGroupName"])["logGroups"]
        self.assertEqual(30, group["retentionInDays"])

    def test_repository_refuses_to_move_a_pushed_tag(self):
        name = self.create()
        repository = moto_env.outputs(self.cfn, name)["RepositoryName"]
        [described] = self.ecr.describe_repositories(repositoryNames=[repository])["repositories"]
        self.assertEqual("IMMUTABLE", described["imageTagMutability"])

        def manifest(layer_digit):
            return json.dumps({
                "schemaVersion": 2,
                "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1,
                           "digest": "sha256:" + "c" * 64},
                "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 1,
                            "digest": "sha256:" + layer_digit * 64}],
            })

        first = self.ecr.put_image(repositoryName=repository, imageManifest=manifest("1"), imageTag="3f9c2ab")
        # AWS answers ImageTagAlreadyExistsException; moto names it ImageAlreadyExistsException.
        refusals = (self.ecr.exceptions.ImageTagAlreadyExistsException, self.ecr.exceptions.ImageAlreadyExistsException)
        with self.assertRaises(refusals):
            self.ecr.put_image(repositoryName=repository, imageManifest=manifest("2"), imageTag="3f9c2ab")
        [image] = self.ecr.describe_images(repositoryName=repository, imageIds=[{"imageTag": "3f9c2ab"}])["imageDetails"]
        self.assertEqual(first["image"]["imageId"]["imageDigest"], image["imageDigest"])

    def test_target_group_checks_health_on_the_task_ips_port_8080(self):
        name = self.create()
        out = moto_env.outputs(self.cfn, name)
        [target_group] = self.elbv2.describe_target_groups(TargetGroupArns=[out["TargetGroupArn"]])["TargetGroups"]
        self.assertEqual(("HTTP", 8080, "ip"), (target_group["Protocol"], target_group["Port"], target_group["TargetType"]))
        self.assertEqual("/health", target_group["HealthCheckPath"])
        self.assertEqual("200", target_group["Matcher"]["HttpCode"])
        self.assertEqual(self.vpc_id, target_group["VpcId"])
        ids = moto_env.physical_ids(self.cfn, name)
        [listener] = self.elbv2.describe_listeners(LoadBalancerArn=ids["LoadBalancer"])["Listeners"]
        self.assertEqual(("HTTP", 80, "forward"), (listener["Protocol"], listener["Port"], listener["DefaultActions"][0]["Type"]))
        self.assertEqual(out["TargetGroupArn"], listener["DefaultActions"][0]["TargetGroupArn"])

    def test_tasks_take_8080_only_from_the_load_balancer(self):
        name = self.create()
        ids = moto_env.physical_ids(self.cfn, name)
        [tasks] = self.ec2.describe_security_groups(GroupIds=[ids["TaskSecurityGroup"]])["SecurityGroups"]
        [ingress] = tasks["IpPermissions"]
        self.assertEqual((8080, 8080, []), (ingress["FromPort"], ingress["ToPort"], ingress["IpRanges"]))
        self.assertEqual([ids["LoadBalancerSecurityGroup"]], [pair["GroupId"] for pair in ingress["UserIdGroupPairs"]])

    def test_execution_role_pulls_only_this_repository_and_writes_only_this_log_group(self):
        name = self.create()
        ids = moto_env.physical_ids(self.cfn, name)
        out = moto_env.outputs(self.cfn, name)
        role = ids["ExecutionRole"]
        [policy_name] = self.iam.list_role_policies(RoleName=role)["PolicyNames"]
        document = self.iam.get_role_policy(RoleName=role, PolicyName=policy_name)["PolicyDocument"]
        if isinstance(document, str):  # moto hands back the document as Python literal text
            document = ast.literal_eval(document)
        self.assertEqual([], self.iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"])
        repository_arn = f"arn:aws:ecr:{moto_env.REGION}:{ACCOUNT}:repository/{out['RepositoryName']}"
        # moto resolves LogGroup.Arn without the ":*" AWS appends, so the grant reads as the
        # group itself here; the static test evaluates the log stream ARNs with AWS's form.
        [group] = self.logs.describe_log_groups(logGroupNamePrefix=out["LogGroupName"])["logGroups"]
        group_arn = group["logGroupArn"]

        def allowed(action, resource="*"):
            return iam_eval.evaluate([document], Request(action, resource)).allowed

        self.assertTrue(allowed("ecr:BatchGetImage", repository_arn))
        self.assertTrue(allowed("ecr:GetDownloadUrlForLayer", repository_arn))
        self.assertTrue(allowed("ecr:GetAuthorizationToken"))
        self.assertTrue(allowed("logs:CreateLogStream", group_arn))
        self.assertFalse(allowed("ecr:BatchGetImage", repository_arn.replace("bakehouse-app-dev", "bakehouse-app-prod")))
        self.assertFalse(allowed("ecr:PutImage", repository_arn))
        self.assertFalse(allowed("logs:CreateLogStream", group_arn.replace("/dev/", "/prod/")))
        self.assertFalse(allowed("logs:CreateLogGroup", group_arn))

    def test_task_role_has_no_permissions(self):
        name = self.create()
        role = moto_env.physical_ids(self.cfn, name)["TaskRole"]
        self.assertEqual([], self.iam.list_role_policies(RoleName=role)["PolicyNames"])
        self.assertEqual([], self.iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"])
        trust = self.iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"]
        self.assertEqual([{"Service": "ecs-tasks.amazonaws.com"}], [s["Principal"] for s in trust["Statement"]])

    def test_update_reports_the_new_image_and_scales_the_service(self):
        name = self.create()
        service_arn = self.service(name)["serviceArn"]
        self.update(name, ImageTag="8d01e7c", DesiredCount="2")
        out = moto_env.outputs(self.cfn, name)
        self.assertEqual(out["RepositoryUri"] + ":8d01e7c", out["ImageInUse"])
        service = self.service(name)
        self.assertEqual(service_arn, service["serviceArn"], "an update must not replace the service")
        self.assertEqual(2, service["desiredCount"])

    def test_image_uri_replaces_the_repository_image(self):
        image = f"{ACCOUNT}.dkr.ecr.{moto_env.REGION}.amazonaws.com/bootstrap/bakehouse-app:1.0.0"
        name = self.create(ImageTag="", ImageUri=image)
        out = moto_env.outputs(self.cfn, name)
        self.assertEqual(image, out["ImageInUse"])
        self.assertEqual(image, self.container(out["TaskDefinitionArn"])[1]["image"])


def dockerfile_final_stage():
    """(keyword, arguments) of the app Dockerfile's last stage, continuation lines joined."""
    with open(DOCKERFILE, encoding="utf-8") as handle:
        text = re.sub(r"\\\n", " ", handle.read())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    last_from = max(index for index, line in enumerate(lines) if line.upper().startswith("FROM "))
    return [tuple(line.split(" ", 1)) for line in lines[last_from + 1:]]


class AppEcsTemplateStaticTest(unittest.TestCase):
    """What moto does not keep: the deployment configuration, alarms, Fargate settings, the
    lifecycle policy, and the IAM policies as the stack would hold them."""

    resources = TEMPLATE["Resources"]

    def stack(self, environment="dev", **overrides):
        values = {"Environment": environment, "ImageTag": "3f9c2ab", "VpcId": "vpc-0123456789abcdef0",
                  "LoadBalancerSubnetIds": "subnet-a,subnet-b", "TaskSubnetIds": "subnet-c,subnet-d"}
        values.update(overrides)
        return Stack(TEMPLATE, f"bakehouse-app-ecs-{environment}", values, account=ACCOUNT)

    def test_service_rolls_back_on_the_circuit_breaker_and_on_alarms(self):
        service = self.resources["Service"]
        configuration = service["Properties"]["DeploymentConfiguration"]
        self.assertEqual({"Enable": True, "Rollback": True}, configuration["DeploymentCircuitBreaker"])
        self.assertIs(True, configuration["Alarms"]["Enable"])
        self.assertIs(True, configuration["Alarms"]["Rollback"])
        self.assertEqual((100, 200), (configuration["MinimumHealthyPercent"], configuration["MaximumPercent"]))
        self.assertEqual({"Type": "ECS"}, service["Properties"]["DeploymentController"])
        alarms = {logical_id for logical_id, r in self.resources.items() if r["Type"] == "AWS::CloudWatch::Alarm"}
        self.assertEqual({"Target5xxAlarm", "LoadBalancer5xxAlarm", "UnhealthyHostsAlarm"}, alarms)
        self.assertLessEqual(alarms, set(service["DependsOn"]))
        stack = self.stack()
        named = stack.resolve(configuration["Alarms"]["AlarmNames"])
        created = [stack.resolve(self.resources[logical_id]["Properties"]["AlarmName"]) for logical_id in sorted(alarms)]
        self.assertEqual(sorted(created), sorted(named))
        self.assertEqual(len(named), len(set(named)))

    def test_alarms_watch_5xx_and_unhealthy_targets_of_this_load_balancer(self):
        expected = {
            "Target5xxAlarm": "HTTPCode_Target_5XX_Count",
            "LoadBalancer5xxAlarm": "HTTPCode_ELB_5XX_Count",
            "UnhealthyHostsAlarm": "UnHealthyHostCount",
        }
        for logical_id, metric in expected.items():
            with self.subTest(alarm=logical_id):
                properties = self.resources[logical_id]["Properties"]
                self.assertEqual(("AWS/ApplicationELB", metric), (properties["Namespace"], properties["MetricName"]))
                dimensions = {d["Name"]: d["Value"] for d in properties["Dimensions"]}
                self.assertEqual({"Fn::GetAtt": ["LoadBalancer", "LoadBalancerFullName"]}, dimensions["LoadBalancer"])
                self.assertEqual("notBreaching", properties["TreatMissingData"])

    def test_service_is_fargate_in_the_task_subnets_behind_the_target_group(self):
        properties = self.resources["Service"]["Properties"]
        self.assertEqual("FARGATE", properties["LaunchType"])
        network = properties["NetworkConfiguration"]["AwsvpcConfiguration"]
        self.assertEqual({"Ref": "TaskSubnetIds"}, network["Subnets"])
        self.assertEqual([{"Ref": "TaskSecurityGroup"}], network["SecurityGroups"])
        self.assertEqual("DISABLED", TEMPLATE["Parameters"]["AssignPublicIp"]["Default"])
        [balancer] = properties["LoadBalancers"]
        [container] = self.resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
        self.assertEqual((container["Name"], container["PortMappings"][0]["ContainerPort"]),
                         (balancer["ContainerName"], balancer["ContainerPort"]))
        self.assertEqual({"Ref": "TargetGroup"}, balancer["TargetGroupArn"])
        self.assertIn("ForwardingListenerReady", self.resources["Service"]["DependsOn"])
        ready = self.resources["ForwardingListenerReady"]["Metadata"]["ForwardingListener"]
        self.assertEqual({"Fn::If": ["HasCertificate", {"Ref": "HttpsListener"}, {"Ref": "HttpListener"}]}, ready)

    def test_tasks_reach_out_only_on_443(self):
        [egress] = self.resources["TaskSecurityGroup"]["Properties"]["SecurityGroupEgress"]
        self.assertEqual(("tcp", 443, 443, "0.0.0.0/0"), (egress["IpProtocol"], egress["FromPort"], egress["ToPort"], egress["CidrIp"]))
        lb_egress = self.resources["LoadBalancerToTasksEgress"]["Properties"]
        self.assertEqual({"Ref": "TaskSecurityGroup"}, lb_egress["DestinationSecurityGroupId"])
        self.assertEqual((8080, 8080), (lb_egress["FromPort"], lb_egress["ToPort"]))

    def test_task_definition_is_fargate_awsvpc_with_both_roles(self):
        properties = self.resources["TaskDefinition"]["Properties"]
        self.assertEqual((["FARGATE"], "awsvpc"), (properties["RequiresCompatibilities"], properties["NetworkMode"]))
        self.assertEqual({"Fn::GetAtt": ["ExecutionRole", "Arn"]}, properties["ExecutionRoleArn"])
        self.assertEqual({"Fn::GetAtt": ["TaskRole", "Arn"]}, properties["TaskRoleArn"])

    def test_container_agrees_with_the_dockerfile(self):
        stage = dict(dockerfile_final_stage())
        [container] = self.resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
        self.assertEqual(stage["USER"], container["User"])
        self.assertEqual(int(stage["EXPOSE"]), container["PortMappings"][0]["ContainerPort"])
        self.assertEqual(stage["ENV"], "PORT=" + container["Environment"][0]["Value"])
        dockerfile_check = json.loads(stage["HEALTHCHECK"].split(" CMD ", 1)[1])
        self.assertEqual(["CMD"] + dockerfile_check, container["HealthCheck"]["Command"])
        self.assertEqual(json.loads(stage["ENTRYPOINT"])[0], dockerfile_check[0])

    def test_repository_scans_on_push_keeps_tags_immutable_and_expires_old_images(self):
        self.assertEqual(("Retain", "Retain"), (self.resources["Repository"]["DeletionPolicy"],
                                                self.resources["Repository"]["UpdateReplacePolicy"]))
        properties = self.resources["Repository"]["Properties"]
        self.assertIs(True, properties["ImageScanningConfiguration"]["ScanOnPush"])
        self.assertEqual("IMMUTABLE", properties["ImageTagMutability"])
        stack = self.stack(ImagesToKeep="40")
        policy = json.loads(stack.resolve(properties["LifecyclePolicy"]["LifecyclePolicyText"]))
        rules = sorted(policy["rules"], key=lambda rule: rule["rulePriority"])
        self.assertEqual([1, 2], [rule["rulePriority"] for rule in rules])
        self.assertEqual(["expire", "expire"], [rule["action"]["type"] for rule in rules])
        self.assertEqual(("untagged", "sinceImagePushed", 7), tuple(rules[0]["selection"][k] for k in ("tagStatus", "countType", "countNumber")))
        # ECR requires the "any" rule to come last (highest rulePriority).
        self.assertEqual(("any", "imageCountMoreThan", 40), tuple(rules[1]["selection"][k] for k in ("tagStatus", "countType", "countNumber")))

    def test_execution_role_may_do_exactly_the_pull_and_log_actions(self):
        for environment in ("dev", "prod"):
            with self.subTest(environment=environment):
                stack = self.stack(environment)
                role = stack.roles()["ExecutionRole"]
                self.assertEqual([], role.external_policy_arns)
                actions = {}
                for document in role.documents:
                    for statement in document["Statement"]:
                        self.assertEqual("Allow", statement["Effect"])
                        listed = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
                        for action in listed:
                            actions[action] = statement["Resource"]
                repository = stack.attribute("Repository", "Arn")
                log_group = stack.attribute("LogGroup", "Arn")
                self.assertEqual(f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/bakehouse-app-{environment}", repository)
                self.assertEqual({
                    "ecr:GetAuthorizationToken": "*",
                    "ecr:BatchCheckLayerAvailability": repository,
                    "ecr:BatchGetImage": repository,
                    "ecr:GetDownloadUrlForLayer": repository,
                    "logs:CreateLogStream": log_group,
                    "logs:PutLogEvents": log_group,
                }, actions)
                stream = log_group[:-1] + "log-stream:app/app/0123"

                def allowed(action, resource):
                    return iam_eval.evaluate(role.documents, Request(action, resource)).allowed

                self.assertTrue(allowed("logs:PutLogEvents", stream))
                self.assertTrue(allowed("logs:CreateLogStream", stream))
                other = "prod" if environment == "dev" else "dev"
                self.assertFalse(allowed("logs:PutLogEvents", stream.replace(f"/{environment}/", f"/{other}/")))
                self.assertFalse(allowed("ecr:BatchGetImage", repository.replace(environment, other)))
                self.assertFalse(allowed("ecr:PutImage", repository))

    def test_only_ecs_tasks_of_this_account_assume_the_roles(self):
        stack = self.stack()
        service = Principal.service("ecs-tasks.amazonaws.com")
        own_task = {"aws:SourceAccount": ACCOUNT, "aws:SourceArn": f"arn:aws:ecs:us-east-1:{ACCOUNT}:task/c/0123"}
        other_task = {"aws:SourceAccount": "210987654321", "aws:SourceArn": "arn:aws:ecs:us-east-1:210987654321:task/c/0123"}
        for logical_id in ("ExecutionRole", "TaskRole"):
            with self.subTest(role=logical_id):
                trust = stack.roles()[logical_id].trust_policy
                decide = lambda principal, context: iam_eval.evaluate(  # noqa: E731
                    [trust], Request("sts:AssumeRole", stack.attribute(logical_id, "Arn"), context, principal))
                self.assertTrue(decide(service, own_task).allowed)
                self.assertEqual((), decide(service, own_task).unevaluated)
                self.assertFalse(decide(service, other_task).allowed)
                self.assertFalse(decide(Principal.service("ec2.amazonaws.com"), own_task).allowed)
                self.assertFalse(decide(Principal.aws(f"arn:aws:iam::{ACCOUNT}:root"), own_task).allowed)
        self.assertEqual([], stack.roles()["TaskRole"].policies)

    def test_parameter_files_set_every_required_parameter_but_the_image(self):
        required = {name for name, spec in TEMPLATE["Parameters"].items() if "Default" not in spec}
        for environment in ("dev", "prod"):
            with self.subTest(environment=environment):
                values = cfn_template.parameter_file(self, TEMPLATE, f"app-ecs-{environment}.json", environment,
                                                     required)
                self.assertFalse({"ImageTag", "ImageUri"} & set(values), "the image comes from the pipeline")
                # The literal values pass the template's AllowedValues and patterns.
                literal = {key: value for key, value in values.items() if not value.startswith("ssm:")}
                self.stack(environment, **literal)

    def test_stack_refuses_to_start_without_an_image(self):
        [assertion] = TEMPLATE["Rules"]["ImageGiven"]["Assertions"]
        self.assertIs(False, self.stack(ImageTag="").resolve(assertion["Assert"]))
        self.assertIs(True, self.stack().resolve(assertion["Assert"]))
        self.assertIs(True, self.stack(ImageTag="", ImageUri="public.ecr.aws/x/app:1").resolve(assertion["Assert"]))
        with self.assertRaises(ValueError):
            self.stack(ImageUri="app:latest")  # not a full reference with a registry


if __name__ == "__main__":
    unittest.main()

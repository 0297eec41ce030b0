"""Deploys cloudformation/app.yaml to moto, then rolls it to a new AMI.

moto gaps worked around here (the template itself is deployed unchanged otherwise):
- AWS::CloudWatch::Alarm and AWS::EC2::SecurityGroupEgress cannot be created by moto's
  CloudFormation; cfn_template.for_moto drops them (and the alarm ARN outputs) and
  AppTemplateStaticTest checks them instead.
- moto's ExecuteChangeSet never fills stack outputs, so these tests use CreateStack and
  UpdateStack; the change set path belongs to the cfn-deploy engine's own tests.
- On update moto only re-creates resources whose JSON names a changed parameter; it does not
  follow Fn::GetAtt to changed resources. A new AMI therefore yields a new launch template
  version, but the group only picks it up once the group itself changes, which the last test
  does to prove the group follows LatestVersionNumber.
"""

import unittest

import cfn_template
import moto_env

TEMPLATE = cfn_template.load("app.yaml")


class AppStackDeployTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cfn = moto_env.client("cloudformation")
        cls.ec2 = moto_env.client("ec2")
        cls.elbv2 = moto_env.client("elbv2")
        cls.autoscaling = moto_env.client("autoscaling")
        cls.body, cls.dropped, cls.dropped_outputs = cfn_template.for_moto(TEMPLATE)
        cls.vpc_id, cls.subnets = moto_env.create_network(cls.ec2)
        cls.first_ami = moto_env.bake_ami(cls.ec2, "bakehouse-app-1")
        cls.second_ami = moto_env.bake_ami(cls.ec2, "bakehouse-app-2")

    def stack_parameters(self, ami_id, **overrides):
        values = {
            "Environment": "dev",
            "AmiId": ami_id,
            "VpcId": self.vpc_id,
            "LoadBalancerSubnetIds": ",".join(self.subnets),
            "InstanceSubnetIds": ",".join(self.subnets),
            "MinSize": "1",
            "DesiredCapacity": "1",
            "MaxSize": "2",
        }
        values.update(overrides)
        return moto_env.parameters(values)

    def create(self, ami_id, **overrides):
        name = moto_env.unique("bakehouse-app-dev")
        self.cfn.create_stack(StackName=name, TemplateBody=self.body, Parameters=self.stack_parameters(ami_id, **overrides))
        self.assertEqual("CREATE_COMPLETE", self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])
        return name

    def update(self, name, ami_id, **overrides):
        self.cfn.update_stack(StackName=name, TemplateBody=self.body, Parameters=self.stack_parameters(ami_id, **overrides))
        self.assertEqual("UPDATE_COMPLETE", self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])

    def group(self, name):
        group_name = moto_env.outputs(self.cfn, name)["AutoScalingGroupName"]
        groups = self.autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[group_name])
        return groups["AutoScalingGroups"][0]

    def launch_template_image(self, template_id, version):
        versions = self.ec2.describe_launch_template_versions(LaunchTemplateId=template_id, Versions=[str(version)])
        return versions["LaunchTemplateVersions"][0]["LaunchTemplateData"]["ImageId"]

    def test_only_resources_moto_lacks_are_dropped(self):
        self.assertEqual(
            {"Target5xxAlarm", "LoadBalancer5xxAlarm", "UnhealthyHostsAlarm", "LoadBalancerToInstancesEgress"},
            self.dropped,
        )
        self.assertEqual({"Target5xxAlarmArn", "LoadBalancer5xxAlarmArn", "UnhealthyHostsAlarmArn"}, self.dropped_outputs)

    def test_create_reports_url_group_and_ami(self):
        name = self.create(self.first_ami)
        out = moto_env.outputs(self.cfn, name)
        dns_name = out["LoadBalancerDnsName"]
        self.assertTrue(dns_name.endswith(".elb.amazonaws.com"), dns_name)
        self.assertEqual("http://" + dns_name, out["Url"])
        self.assertEqual(self.first_ami, out["AmiInUse"])
        self.assertEqual("1", out["LaunchTemplateVersion"])
        group = self.group(name)
        self.assertEqual("ELB", group["HealthCheckType"])
        self.assertEqual([out["TargetGroupArn"]], group["TargetGroupARNs"])
        self.assertEqual(set(self.subnets), set(group["VPCZoneIdentifier"].split(",")))

    def test_create_starts_instances_from_the_given_ami_in_the_app_security_group(self):
        name = self.create(self.first_ami)
        ids = moto_env.physical_ids(self.cfn, name)
        group = self.group(name)
        self.assertEqual(ids["LaunchTemplate"], group["LaunchTemplate"]["LaunchTemplateId"])
        data = self.ec2.describe_launch_template_versions(
            LaunchTemplateId=ids["LaunchTemplate"], Versions=[group["LaunchTemplate"]["Version"]]
        )["LaunchTemplateVersions"][0]["LaunchTemplateData"]
        self.assertEqual(self.first_ami, data["ImageId"])
        self.assertEqual([ids["InstanceSecurityGroup"]], data["SecurityGroupIds"])
        self.assertEqual("required", data["MetadataOptions"]["HttpTokens"])

    def test_health_check_is_http_get_health_on_8080(self):
        name = self.create(self.first_ami)
        target_group = self.elbv2.describe_target_groups(TargetGroupArns=[moto_env.outputs(self.cfn, name)["TargetGroupArn"]])
        target_group = target_group["TargetGroups"][0]
        self.assertEqual(("HTTP", 8080), (target_group["Protocol"], target_group["Port"]))
        self.assertEqual("/health", target_group["HealthCheckPath"])
        self.assertEqual("200", target_group["Matcher"]["HttpCode"])
        self.assertEqual(self.vpc_id, target_group["VpcId"])

    def test_load_balancer_is_open_on_80_and_443_and_instances_only_to_it_on_8080(self):
        name = self.create(self.first_ami)
        ids = moto_env.physical_ids(self.cfn, name)
        groups = self.ec2.describe_security_groups(GroupIds=[ids["LoadBalancerSecurityGroup"], ids["InstanceSecurityGroup"]])
        by_id = {group["GroupId"]: group for group in groups["SecurityGroups"]}
        lb_rules = {
            (rule["FromPort"], rule["ToPort"], tuple(r["CidrIp"] for r in rule["IpRanges"]))
            for rule in by_id[ids["LoadBalancerSecurityGroup"]]["IpPermissions"]
        }
        self.assertEqual({(80, 80, ("0.0.0.0/0",)), (443, 443, ("0.0.0.0/0",))}, lb_rules)
        [app_rule] = by_id[ids["InstanceSecurityGroup"]]["IpPermissions"]
        self.assertEqual((8080, 8080), (app_rule["FromPort"], app_rule["ToPort"]))
        self.assertEqual([], app_rule["IpRanges"])
        self.assertEqual([ids["LoadBalancerSecurityGroup"]], [pair["GroupId"] for pair in app_rule["UserIdGroupPairs"]])

    def test_without_certificate_port_80_forwards_to_the_app(self):
        name = self.create(self.first_ami)
        ids = moto_env.physical_ids(self.cfn, name)
        self.assertNotIn("HttpsListener", ids)
        [listener] = self.elbv2.describe_listeners(LoadBalancerArn=ids["LoadBalancer"])["Listeners"]
        self.assertEqual(("HTTP", 80), (listener["Protocol"], listener["Port"]))
        self.assertEqual("forward", listener["DefaultActions"][0]["Type"])
        self.assertEqual(ids["TargetGroup"], listener["DefaultActions"][0]["TargetGroupArn"])

    def test_with_certificate_port_443_serves_and_port_80_redirects(self):
        acm = moto_env.client("acm")
        certificate_arn = acm.request_certificate(DomainName="app.bakehouse.example")["CertificateArn"]
        name = self.create(self.first_ami, CertificateArn=certificate_arn)
        ids = moto_env.physical_ids(self.cfn, name)
        listeners = self.elbv2.describe_listeners(LoadBalancerArn=ids["LoadBalancer"])["Listeners"]
        by_port = {listener["Port"]: listener for listener in listeners}
        self.assertEqual({80, 443}, set(by_port))
        self.assertEqual("redirect", by_port[80]["DefaultActions"][0]["Type"])
        self.assertEqual("HTTPS", by_port[80]["DefaultActions"][0]["RedirectConfig"]["Protocol"])
        self.assertEqual("HTTPS", by_port[443]["Protocol"])
        self.assertEqual(certificate_arn, by_port[443]["Certificates"][0]["CertificateArn"])
        self.assertTrue(moto_env.outputs(self.cfn, name)["Url"].startswith("https://"))

    def test_update_to_a_new_ami_adds_a_launch_template_version_and_reports_it(self):
        name = self.create(self.first_ami)
        template_id = moto_env.physical_ids(self.cfn, name)["LaunchTemplate"]
        self.update(name, self.second_ami)
        out = moto_env.outputs(self.cfn, name)
        self.assertEqual(self.second_ami, out["AmiInUse"])
        self.assertEqual("2", out["LaunchTemplateVersion"])
        self.assertEqual(template_id, moto_env.physical_ids(self.cfn, name)["LaunchTemplate"])
        self.assertEqual(self.second_ami, self.launch_template_image(template_id, 2))
        self.assertEqual(self.first_ami, self.launch_template_image(template_id, 1))

    def test_group_follows_the_latest_launch_template_version(self):
        name = self.create(self.first_ami)
        self.update(name, self.second_ami)
        self.update(name, self.second_ami, DesiredCapacity="2", MaxSize="3")
        group = self.group(name)
        self.assertEqual("2", group["LaunchTemplate"]["Version"])
        self.assertEqual(2, group["DesiredCapacity"])
        self.assertEqual(self.second_ami, self.launch_template_image(group["LaunchTemplate"]["LaunchTemplateId"], 2))


class AppTemplateStaticTest(unittest.TestCase):
    """What moto cannot deploy or does not model: update policy, alarms, the SG egress."""

    resources = TEMPLATE["Resources"]

    def test_rolling_update_keeps_desired_capacity_in_service_and_waits_for_signals(self):
        group = self.resources["AutoScalingGroup"]
        rolling = group["UpdatePolicy"]["AutoScalingRollingUpdate"]
        self.assertEqual({"Ref": "DesiredCapacity"}, rolling["MinInstancesInService"])
        self.assertEqual(1, rolling["MaxBatchSize"])
        self.assertIs(True, rolling["WaitOnResourceSignals"])
        self.assertEqual(100, rolling["MinSuccessfulInstancesPercent"])
        self.assertEqual({"Ref": "DesiredCapacity"}, group["CreationPolicy"]["ResourceSignal"]["Count"])
        self.assertEqual(
            {"Fn::GetAtt": ["LaunchTemplate", "LatestVersionNumber"]}, group["Properties"]["LaunchTemplate"]["Version"]
        )

    def test_instances_signal_only_after_their_own_health_check(self):
        user_data = self.resources["LaunchTemplate"]["Properties"]["LaunchTemplateData"]["UserData"]["Fn::Base64"]["Fn::Sub"]
        self.assertIn("http://127.0.0.1:8080/health", user_data)
        self.assertIn('--exit-code "$status"', user_data)
        self.assertIn("--resource AutoScalingGroup", user_data)

    def test_alarms_watch_5xx_and_unhealthy_hosts_and_are_exported(self):
        expected = {
            "Target5xxAlarm": "HTTPCode_Target_5XX_Count",
            "LoadBalancer5xxAlarm": "HTTPCode_ELB_5XX_Count",
            "UnhealthyHostsAlarm": "UnHealthyHostCount",
        }
        outputs = TEMPLATE["Outputs"]
        for logical_id, metric in expected.items():
            with self.subTest(alarm=logical_id):
                alarm = self.resources[logical_id]
                self.assertEqual("AWS::CloudWatch::Alarm", alarm["Type"])
                self.assertEqual("AWS/ApplicationELB", alarm["Properties"]["Namespace"])
                self.assertEqual(metric, alarm["Properties"]["MetricName"])
                self.assertEqual({"Fn::GetAtt": [logical_id, "Arn"]}, outputs[logical_id + "Arn"]["Value"])

    def test_load_balancer_egress_only_reaches_the_app_port_of_the_instances(self):
        egress = self.resources["LoadBalancerToInstancesEgress"]["Properties"]
        self.assertEqual({"Ref": "LoadBalancerSecurityGroup"}, egress["GroupId"])
        self.assertEqual({"Ref": "InstanceSecurityGroup"}, egress["DestinationSecurityGroupId"])
        self.assertEqual((8080, 8080), (egress["FromPort"], egress["ToPort"]))

    def test_parameter_files_set_every_required_parameter_in_aws_cli_list_form(self):
        required = {name for name, spec in TEMPLATE["Parameters"].items() if "Default" not in spec} - {"AmiId"}
        for environment in ("dev", "prod"):
            with self.subTest(environment=environment):
                values = cfn_template.parameter_file(self, TEMPLATE, environment + ".json", environment, required)
                self.assertNotIn("AmiId", values, "the AMI comes from SSM at deploy time")
                self.assertGreater(int(values["MaxSize"]), int(values["DesiredCapacity"]))


if __name__ == "__main__":
    unittest.main()

"""Clients for the moto_server started by with-moto.sh, and the network a stack needs."""

import os
import uuid
from urllib.parse import urlparse

import boto3

REGION = "us-east-1"


def require_moto():
    """Fails (never skips) when the tests were not started through with-moto.sh."""
    url = os.environ.get("MOTO_ENDPOINT", "")
    if urlparse(url).hostname != "127.0.0.1":
        raise RuntimeError(
            "MOTO_ENDPOINT must point at a loopback moto_server; run the tests through "
            "cloudformation/test.sh (or tests/with-moto.sh)"
        )
    return url


def client(service):
    return boto3.client(
        service,
        endpoint_url=require_moto(),
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def create_network(ec2, cidr="10.20.0.0/16"):
    """A VPC with two subnets in two Availability Zones: (vpc_id, [subnet_ids])."""
    vpc_id = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    base = cidr.split(".")
    subnets = []
    for index, zone in enumerate(("a", "b")):
        subnet_cidr = f"{base[0]}.{base[1]}.{index + 1}.0/24"
        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock=subnet_cidr, AvailabilityZone=REGION + zone)
        subnets.append(subnet["Subnet"]["SubnetId"])
    return vpc_id, subnets


def bake_ami(ec2, name):
    """An AMI made the way Packer makes one: run an instance, image it, terminate it."""
    source = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    instance_id = ec2.run_instances(ImageId=source, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    image_id = ec2.create_image(InstanceId=instance_id, Name=name)["ImageId"]
    ec2.terminate_instances(InstanceIds=[instance_id])
    return image_id


def parameters(values):
    return [{"ParameterKey": key, "ParameterValue": value} for key, value in values.items()]


def outputs(cfn, stack_name):
    stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    return {item["OutputKey"]: item["OutputValue"] for item in stack.get("Outputs", [])}


def physical_ids(cfn, stack_name):
    resources = cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
    return {item["LogicalResourceId"]: item["PhysicalResourceId"] for item in resources if "LogicalResourceId" in item}

#!/usr/bin/env python3
"""The pipeline benchmark's surroundings in a loopback moto_server (boto3, no real AWS).

    pipeline_env.py setup ENDPOINT WORKDIR
        Creates a VPC with two subnets, the deploy runner's cluster, task definition and log
        group, turns moto's automatic ECS task progression off (the stand-in below plays the
        task), and writes into WORKDIR: app.json (cloudformation/app.yaml trimmed for moto by
        cloudformation/tests/cfn_template.py), runner.yaml (the ecs-run configuration) and
        env.sh (VPC_ID, SUBNETS, SECURITY_GROUP for the shell pipeline).

    pipeline_env.py play ENDPOINT LINES [TIMEOUT]
        The stand-in for the deploy runner's container: waits for a task it has not played yet
        on the cluster, writes LINES log lines to the task's stream in a few batches, as a
        container would, then stops the task as ECS does when the essential container exits.
        Gives up after TIMEOUT seconds (default 300).
"""
import json
import os
import sys
import time
import urllib.request

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "cloudformation", "tests"))
import cfn_template  # noqa: E402

CLUSTER = "deploy-runner"
FAMILY = "deploy-runner-terraform-planner"
CONTAINER = "terraform"
LOG_GROUP = "/bakehouse/deploy-runner"
STREAM_PREFIX = "runner"
RUNNER_CONFIG = """cluster: {cluster}
subnets: [{subnet}]
securityGroups: [{sg}]
logGroup: {log_group}
logStreamPrefix: {prefix}
defaultCpu: 512
defaultMemory: 1024
containers:
  terraform-planner:
    taskDefinition: {family}
    containerName: {container}
    scripts:
      plan: {{}}
"""


def clients(endpoint, *services):
    if not endpoint.startswith("http://127.0.0.1:"):
        sys.exit("pipeline_env: the endpoint must be http://127.0.0.1:PORT")
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bench",
              aws_secret_access_key="bench")
    return [boto3.client(s, **kw) for s in services]


def setup(endpoint, workdir):
    ec2, ecs, logs = clients(endpoint, "ec2", "ecs", "logs")
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.30.{i + 1}.0/24",
                                 AvailabilityZone="us-east-1" + zone)["Subnet"]["SubnetId"]
               for i, zone in enumerate("ab")]
    sg = ec2.create_security_group(VpcId=vpc, GroupName="deploy-runner", Description="runner")["GroupId"]
    ecs.create_cluster(clusterName=CLUSTER)
    ecs.register_task_definition(
        family=FAMILY, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
        containerDefinitions=[{"name": CONTAINER, "image": "deploy-runner", "memory": 1024, "essential": True}])
    logs.create_log_group(logGroupName=LOG_GROUP)
    request = urllib.request.Request(
        endpoint + "/moto-api/state-manager/set-transition", method="POST",
        data=b'{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}')
    urllib.request.urlopen(request, timeout=10)
    body, _, _ = cfn_template.for_moto(cfn_template.load("app.yaml"))
    # Template validation in moto rejects a parameter nothing uses: drop the ones only the
    # trimmed resources used (they all have defaults).
    trimmed = json.loads(body)
    used = cfn_template.referenced_ids({k: v for k, v in trimmed.items() if k != "Parameters"})
    for name in [n for n, spec in trimmed["Parameters"].items() if n not in used and "Default" in spec]:
        del trimmed["Parameters"][name]
    body = json.dumps(trimmed)
    with open(os.path.join(workdir, "app.json"), "w", encoding="utf-8") as handle:
        handle.write(body)
    with open(os.path.join(workdir, "runner.yaml"), "w", encoding="utf-8") as handle:
        handle.write(RUNNER_CONFIG.format(cluster=CLUSTER, subnet=subnets[0], sg=sg, log_group=LOG_GROUP,
                                          prefix=STREAM_PREFIX, family=FAMILY, container=CONTAINER))
    with open(os.path.join(workdir, "env.sh"), "w", encoding="utf-8") as handle:
        handle.write(f"VPC_ID={vpc}\nSUBNETS={subnets[0]},{subnets[1]}\nSECURITY_GROUP={sg}\n")


def play(endpoint, lines, timeout):
    ecs, logs = clients(endpoint, "ecs", "logs")
    deadline = time.monotonic() + timeout
    seen = set(ecs.list_tasks(cluster=CLUSTER, desiredStatus="STOPPED")["taskArns"])
    while True:
        running = [t for t in ecs.list_tasks(cluster=CLUSTER)["taskArns"] if t not in seen]
        if running:
            break
        if time.monotonic() > deadline:
            sys.exit("pipeline_env play: no task started")
        time.sleep(0.1)
    task = running[0]
    stream = f"{STREAM_PREFIX}/{CONTAINER}/{task.rsplit('/', 1)[1]}"
    logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName=stream)
    batch = max(1, lines // 5)
    for start in range(0, lines, batch):
        now = int(time.time() * 1000)
        logs.put_log_events(logGroupName=LOG_GROUP, logStreamName=stream, logEvents=[
            {"timestamp": now, "message": f"plan: line {i}"} for i in range(start, min(lines, start + batch))])
        time.sleep(0.2)
    ecs.stop_task(cluster=CLUSTER, task=task, reason="Essential container in task exited")
    print(json.dumps({"task": task, "stream": stream, "lines": lines}))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "setup":
        setup(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "play":
        play(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 300)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

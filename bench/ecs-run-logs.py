#!/usr/bin/env python3
"""Benchmark: how fast `bakehouse ecs-run` streams a task's CloudWatch logs.

Starts a local moto_server, creates what the deploy runner needs there, runs
`bakehouse ecs-run --config ...` (cli/target/bakehouse.jar; build it with
`mvn -B -ntp -q -DskipTests package -pl cli -am`) and plays the task's container: it writes
one line, measures how long until the CLI prints it (first-line latency), then writes many
thousand lines in batches and measures how long until the CLI has printed the last one
(lines per second, end to end). Prints the figures; asserts nothing about speed.

    bench/ecs-run-logs.py [--lines 20000] [--batch 1000]
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "cli", "target", "bakehouse.jar")
CONFIG = """cluster: deploy-runner
subnets: [{subnet}]
securityGroups: [{sg}]
logGroup: /bakehouse/deploy-runner
logStreamPrefix: runner
defaultCpu: 512
defaultMemory: 1024
containers:
  terraform-planner:
    taskDefinition: deploy-runner-terraform-planner
    containerName: terraform
    scripts:
      plan: {{}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(endpoint, proc):
    for _ in range(300):
        if proc.poll() is not None:
            sys.exit("moto_server exited")
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("moto_server did not start")


def set_up(endpoint):
    kw = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="bench", aws_secret_access_key="bench")
    ec2, ecs, logs = (boto3.client(s, **kw) for s in ("ec2", "ecs", "logs"))
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(VpcId=vpc, GroupName="bench", Description="bench")["GroupId"]
    ecs.create_cluster(clusterName="deploy-runner")
    ecs.register_task_definition(
        family="deploy-runner-terraform-planner", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
        cpu="512", memory="1024",
        containerDefinitions=[{"name": "terraform", "image": "runner", "memory": 1024, "essential": True}])
    logs.create_log_group(logGroupName="/bakehouse/deploy-runner")
    req = urllib.request.Request(endpoint + "/moto-api/state-manager/set-transition", method="POST",
                                 data=b'{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}')
    urllib.request.urlopen(req)
    return ecs, logs, CONFIG.format(subnet=subnet, sg=sg)


def wait_for(predicate, what, seconds=120):
    """Polls until predicate() holds; fails after seconds, so the benchmark is bounded."""
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            sys.exit(f"gave up waiting for {what}")
        time.sleep(0.005)


def main():
    # A SIGTERM (bench/run.sh's time limit) unwinds through the finally blocks that stop moto.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--batch", type=int, default=1000)
    opts = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: mvn -B -ntp -q -DskipTests package -pl cli -am")
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cli = None
    try:
        wait_ready(endpoint, moto)
        ecs, logs, config = set_up(endpoint)
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(config)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                   AWS_REGION="us-east-1", AWS_ENDPOINT_URL=endpoint)
        cli = subprocess.Popen(["java", "-jar", JAR, "ecs-run", "--config", f.name, "--",
                                "terraform-planner", "plan"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
        seen = {}
        def read():
            for n, line in enumerate(cli.stdout):
                seen.setdefault(line.rstrip("\n"), time.monotonic())
                seen["count"] = n + 1
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        arns = []
        wait_for(lambda: arns.extend(ecs.list_tasks(cluster="deploy-runner")["taskArns"]) or arns, "the task")
        task = arns[0]
        stream = "runner/terraform/" + task.rsplit("/", 1)[1]
        logs.create_log_stream(logGroupName="/bakehouse/deploy-runner", logStreamName=stream)
        now_ms = lambda: int(time.time() * 1000)
        t0 = time.monotonic()
        logs.put_log_events(logGroupName="/bakehouse/deploy-runner", logStreamName=stream,
                            logEvents=[{"timestamp": now_ms(), "message": "first line"}])
        wait_for(lambda: "first line" in seen, "the first line")
        first_latency = seen["first line"] - t0
        t1 = time.monotonic()
        for start in range(0, opts.lines, opts.batch):
            events = [{"timestamp": now_ms(), "message": f"line {i}"}
                      for i in range(start, min(opts.lines, start + opts.batch))]
            logs.put_log_events(logGroupName="/bakehouse/deploy-runner", logStreamName=stream, logEvents=events)
        last = f"line {opts.lines - 1}"
        wait_for(lambda: last in seen, "the last line")
        elapsed = seen[last] - t1
        ecs.stop_task(cluster="deploy-runner", task=task, reason="Essential container in task exited")
        code = cli.wait(timeout=60)
        printed = seen.get("count", 0) - 1  # the final summary line is not a log line
        print(f"first-line latency: {first_latency:.2f} s")
        print(f"streamed {opts.lines} lines in {elapsed:.2f} s: {opts.lines / elapsed:,.0f} lines/s"
              " (writes included)")
        print(f"lines printed: {printed} (expected {opts.lines + 1}); exit code {code}")
        os.unlink(f.name)
    finally:
        if cli is not None and cli.poll() is None:
            cli.kill()
        moto.terminate()
        moto.wait()


if __name__ == "__main__":
    main()

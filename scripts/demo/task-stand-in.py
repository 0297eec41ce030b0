#!/usr/bin/env python3
"""Local stand-in for the deploy runner's Fargate container, for `make demo` only.

moto accepts RunTask but runs no containers. This plays the container's part: it waits for
the task in the cluster, runs the command from the task's overrides (the argument vector
the gatekeeper approved) with the runner image's script from
jenkins-docker/deploy-runner/scripts/, writes its output to the task's CloudWatch Logs
stream as the awslogs driver would, and stops the task when the script exits. moto records
exit code 0 for every stopped container, so a script that fails makes this stand-in fail.

usage: task-stand-in.py ENDPOINT CLUSTER LOG_GROUP STREAM_PREFIX EXIT_CODE_FILE
"""

import os
import subprocess
import sys
import time

import boto3

IMAGE_SCRIPTS = "/opt/deploy-runner/scripts/"
LOCAL_SCRIPTS = os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", "jenkins-docker", "deploy-runner", "scripts"))
LABEL = "[local stand-in for the Fargate task]"


def say(message):
    print(f"{LABEL} {message}", file=sys.stderr, flush=True)


def await_task(ecs, cluster, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        arns = ecs.list_tasks(cluster=cluster)["taskArns"]
        if arns:
            return ecs.describe_tasks(cluster=cluster, tasks=arns[:1])["tasks"][0]
        time.sleep(0.2)
    raise SystemExit(f"{LABEL} no task was started in cluster {cluster} within {timeout} s")


def local_command(command):
    """The image's script path mapped to this repository's copy; nothing else may run."""
    if not command or not command[0].startswith(IMAGE_SCRIPTS):
        raise SystemExit(f"{LABEL} refusing to run {command!r}: not a script of the runner image")
    name = command[0][len(IMAGE_SCRIPTS):]
    path = os.path.join(LOCAL_SCRIPTS, name)
    if "/" in name or not os.access(path, os.X_OK):
        raise SystemExit(f"{LABEL} the runner image has no script {name}")
    return [path] + command[1:]


def main(endpoint, cluster, log_group, prefix, exit_code_file):
    session = boto3.session.Session(region_name=os.environ.get("AWS_REGION", "us-east-1"))
    ecs = session.client("ecs", endpoint_url=endpoint)
    logs = session.client("logs", endpoint_url=endpoint)
    task = await_task(ecs, cluster)
    task_arn = task["taskArn"]
    override = task["overrides"]["containerOverrides"][0]
    container = override["name"]
    command = local_command(override.get("command", []))
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    env.update({e["name"]: e["value"] for e in override.get("environment", [])})
    stream = f"{prefix}/{container}/{task_arn.rsplit('/', 1)[1]}"
    say(f"task {task_arn.rsplit('/', 1)[1]} started; running {' '.join(command[:1])} locally"
        f" with arguments {command[1:]}")
    logs.create_log_stream(logGroupName=log_group, logStreamName=stream)
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        logs.put_log_events(logGroupName=log_group, logStreamName=stream, logEvents=[
            {"timestamp": int(time.time() * 1000), "message": line.rstrip("\n")}])
    code = proc.wait()
    # Let the CLI read the last lines before the task stops, as Fargate's log flush would.
    time.sleep(1.5)
    ecs.stop_task(cluster=cluster, task=task_arn, reason="Essential container in task exited")
    with open(exit_code_file, "w", encoding="utf-8") as handle:
        handle.write(f"{code}\n")
    say(f"script exited with code {code}; task stopped")
    return code


if __name__ == "__main__":
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    sys.exit(main(*sys.argv[1:]))

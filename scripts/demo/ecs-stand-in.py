#!/usr/bin/env python3
"""Local stand-in for what ECS does during a service deployment, for `make demo` only.

moto keeps ECS services and task definitions but runs no tasks and judges no deployment: an
UpdateService starts no new deployment, its one deployment's state never moves, and it forgets
the service's deployment configuration. This is a loopback HTTP proxy in front of moto that the
demo's `bakehouse ecs-service-deploy` talks to. It forwards every call to moto unchanged, except
that it plays ECS's part in the answers about services, and says so on stderr:

- an UpdateService starts a new deployment (moto is asked to force one, which gives it a new ID);
- the service reports the deployment configuration cloudformation/app-ecs.yaml gives it: the
  deployment circuit breaker, with rollback;
- a deployment of a healthy image goes IN_PROGRESS (its task starting), then COMPLETED;
- the tasks of an image named by --failing-image fail their health check: each is recorded here as
  a task the service scheduler stopped with ECS's reason, and ListTasks and DescribeTasks of the
  deployment's stopped tasks are answered with them (moto cannot start the app's tasks); after
  two, the circuit breaker marks the deployment FAILED and rolls the service back to the task
  definition it ran before (an UpdateService in moto), as ECS does.

usage: ecs-stand-in.py MOTO_ENDPOINT PORT_FILE --failing-image IMAGE [--failing-image IMAGE]...
The proxy listens on a free loopback port, which it writes to PORT_FILE once it serves.
"""

import argparse
import http.server
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3

LABEL = "[local stand-in for ECS]"
TARGET = "AmazonEC2ContainerServiceV20141113."
REASON = "Task failed container health checks"
FAILURES_TO_TRIP = 2
BREAKER = {"deploymentCircuitBreaker": {"enable": True, "rollback": True},
           "maximumPercent": 200, "minimumHealthyPercent": 100}


def say(message):
    print(f"{LABEL} {message}", file=sys.stderr, flush=True)


class Rollout:
    """One deployment as ECS would run it."""

    def __init__(self, deployment_id, service, task_definition, previous, image, failing, rollback_of=None):
        self.id = deployment_id
        self.service = service
        self.task_definition = task_definition
        self.previous = previous
        self.image = image
        self.failing = failing
        self.rollback_of = rollback_of
        self.polls = 0
        self.failed_tasks = 0
        self.state = "IN_PROGRESS"
        self.created = time.time()


class Ecs:
    """What the stand-in knows: the deployments it judges, each service's events and settled task definition."""

    def __init__(self, endpoint, failing_images):
        self.client = boto3.client("ecs", endpoint_url=endpoint, region_name=os.environ.get("AWS_REGION", "us-east-1"))
        self.failing_images = set(failing_images)
        self.rollouts = {}
        self.events = {}
        self.settled = {}
        self.tasks = {}
        self.lock = threading.Lock()

    def image_of(self, task_definition):
        containers = self.client.describe_task_definition(taskDefinition=task_definition)["taskDefinition"]["containerDefinitions"]
        return containers[0]["image"]

    def event(self, service, message):
        self.events.setdefault(service["serviceArn"], []).insert(0, {
            "id": str(uuid.uuid4()), "createdAt": time.time(), "message": f"(service {service['serviceName']}) {message}"})

    # --- answers -------------------------------------------------------------------------------

    def updated(self, service):
        """An UpdateService's answer: the deployment it started."""
        with self.lock:
            primary = next(d for d in service["deployments"] if d["status"] == "PRIMARY")
            arn = service["serviceArn"]
            td = service["taskDefinition"]
            image = self.image_of(td)
            rollout = Rollout(primary["id"], arn, td, self.settled.get(arn), image, image in self.failing_images)
            self.rollouts[rollout.id] = rollout
            say(f"deployment {rollout.id} of {name(td)} ({image}) started"
                + ("; its tasks will fail their health check" if rollout.failing else ""))
            return self.present(service)

    def described(self, service):
        """A DescribeServices answer for one service: its deployments as ECS would report them now."""
        with self.lock:
            primary = next((d for d in service["deployments"] if d["status"] == "PRIMARY"), None)
            rollout = self.rollouts.get(primary["id"]) if primary else None
            if rollout is None:
                self.settled.setdefault(service["serviceArn"], service["taskDefinition"])
            elif rollout.state == "IN_PROGRESS" and self.advance(rollout, service):
                # rolled back in moto since moto answered
                service = self.client.describe_services(cluster=service["clusterArn"],
                                                        services=[service["serviceArn"]])["services"][0]
            return self.present(service)

    def advance(self, rollout, service):
        """Moves the deployment on one step; True when that rolled the service back in moto."""
        rollout.polls += 1
        if not rollout.failing:
            if rollout.polls == 1:
                self.event(service, f"has started {service['desiredCount']} tasks: (deployment {rollout.id}).")
            else:
                rollout.state = "COMPLETED"
                self.settled[rollout.service] = rollout.task_definition
                self.event(service, f"deployment {rollout.id} completed.")
                self.event(service, "has reached a steady state.")
                say(f"deployment {rollout.id} of {name(rollout.task_definition)}: healthy, COMPLETED")
            return False
        self.fail_task(rollout, service)
        return rollout.failed_tasks >= FAILURES_TO_TRIP and self.trip(rollout, service)

    def fail_task(self, rollout, service):
        cluster = service["clusterArn"]
        task_id = uuid.uuid4().hex
        now = time.time()
        arn = cluster.replace(":cluster/", ":task/") + "/" + task_id
        self.tasks[arn] = {
            "taskArn": arn, "clusterArn": cluster, "taskDefinitionArn": rollout.task_definition,
            "startedBy": rollout.id, "launchType": "FARGATE", "createdAt": now, "startedAt": now, "stoppedAt": now,
            "lastStatus": "STOPPED", "desiredStatus": "STOPPED", "healthStatus": "UNHEALTHY",
            "stopCode": "ServiceSchedulerInitiated", "stoppedReason": REASON,
            "containers": [{"name": "app", "lastStatus": "STOPPED", "healthStatus": "UNHEALTHY"}]}
        rollout.failed_tasks += 1
        self.event(service, f"has started 1 tasks: (task {task_id}).")
        self.event(service, f"has stopped 1 running tasks: (task {task_id}). Reason: {REASON}")
        say(f"task {task_id} of deployment {rollout.id} failed its health check (a stopped task this stand-in"
            " records and answers ListTasks and DescribeTasks with: moto runs no tasks)")

    def stopped_tasks(self, request):
        """ListTasks for a deployment's stopped tasks: the ones recorded here; None to ask moto."""
        with self.lock:
            arns = [arn for arn, task in self.tasks.items() if task["startedBy"] == request.get("startedBy")]
            return {"taskArns": arns} if arns and request.get("desiredStatus") == "STOPPED" else None

    def described_tasks(self, request):
        """DescribeTasks of tasks recorded here; None to ask moto."""
        with self.lock:
            wanted = request.get("tasks", [])
            if wanted and all(arn in self.tasks for arn in wanted):
                return {"tasks": [self.tasks[arn] for arn in wanted], "failures": []}
            return None

    def trip(self, rollout, service):
        rollout.state = "FAILED"
        self.event(service, f"(deployment {rollout.id}) deployment failed: tasks failed to start.")
        if rollout.previous is None:
            say(f"circuit breaker: deployment {rollout.id} FAILED; nothing ran before it to roll back to")
            return False
        back = self.client.update_service(cluster=service["clusterArn"], service=service["serviceArn"],
                                          taskDefinition=rollout.previous, forceNewDeployment=True)["service"]
        primary = next(d for d in back["deployments"] if d["status"] == "PRIMARY")
        self.rollouts[primary["id"]] = Rollout(primary["id"], rollout.service, rollout.previous, None,
                                               self.image_of(rollout.previous), False, rollback_of=rollout.id)
        self.event(service, f"(deployment {rollout.id}) rolling back to deployment {primary['id']}.")
        say(f"circuit breaker: {rollout.failed_tasks} tasks of deployment {rollout.id} failed, deployment FAILED;"
            f" rolling the service back to {name(rollout.previous)} (UpdateService in moto): deployment {primary['id']}")
        return True

    def present(self, service):
        """The service's deployments, configuration and events as this stand-in judges them."""
        service = json.loads(json.dumps(service, default=lambda value: value.timestamp()))
        service["deploymentConfiguration"] = BREAKER
        deployments = []
        for d in service["deployments"]:
            rollout = self.rollouts.get(d["id"])
            deployments.append(dict(d, **self.counts(rollout, service)) if rollout else
                               dict(d, rolloutState="COMPLETED", runningCount=service["desiredCount"], pendingCount=0,
                                    rolloutStateReason=f"ECS deployment {d['id']} completed."))
        primary = deployments[0]["id"] if deployments else None
        for rollout in self.rollouts.values():
            if rollout.service == service["serviceArn"] and rollout.state == "FAILED" and rollout.id != primary \
                    and self.rollback_pending(rollout):
                deployments.append(dict(self.counts(rollout, service), id=rollout.id, status="ACTIVE",
                                        createdAt=rollout.created, updatedAt=time.time()))
        service["deployments"] = deployments
        service["events"] = list(self.events.get(service["serviceArn"], [])) + service.get("events", [])
        return service

    def rollback_pending(self, failed):
        return any(r.rollback_of == failed.id and r.state == "IN_PROGRESS" for r in self.rollouts.values())

    def counts(self, rollout, service):
        desired = service["desiredCount"]
        running = desired if rollout.state == "COMPLETED" else 0
        reason = {"COMPLETED": f"ECS deployment {rollout.id} completed.",
                  "FAILED": "ECS deployment circuit breaker: tasks failed to start.",
                  "IN_PROGRESS": f"ECS deployment {rollout.id} in progress."}[rollout.state]
        return {"taskDefinition": rollout.task_definition, "rolloutState": rollout.state, "rolloutStateReason": reason,
                "desiredCount": desired, "runningCount": running, "pendingCount": desired - running if rollout.state
                == "IN_PROGRESS" else 0, "failedTasks": rollout.failed_tasks}


def name(task_definition):
    return task_definition.rsplit("/", 1)[-1] if task_definition else "(none)"


def handler_for(moto, ecs):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            self.forward()

        def do_POST(self):
            self.forward()

        def do_PUT(self):
            self.forward()

        def do_DELETE(self):
            self.forward()

        def do_HEAD(self):
            self.forward()

        def forward(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            action = (self.headers.get("X-Amz-Target") or "")
            action = action[len(TARGET):] if action.startswith(TARGET) else None
            if action in ("ListTasks", "DescribeTasks"):
                request = json.loads(body)
                own = ecs.stopped_tasks(request) if action == "ListTasks" else ecs.described_tasks(request)
                if own is not None:
                    self.answer(200, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps(own).encode())
                    return
            if action == "UpdateService":
                request = json.loads(body)
                request["forceNewDeployment"] = True  # ECS starts a deployment for every update
                body = json.dumps(request).encode()
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
            forwarded = urllib.request.Request(moto + self.path, data=body if self.command != "GET" else None,
                                               headers=headers, method=self.command)
            try:
                with urllib.request.urlopen(forwarded, timeout=60) as answer:
                    status, answer_headers, data = answer.status, answer.headers, answer.read()
            except urllib.error.HTTPError as error:
                status, answer_headers, data = error.code, error.headers, error.read()
            if status == 200 and action in ("UpdateService", "DescribeServices"):
                try:
                    data = self.judged(action, data)
                except Exception as error:  # the demo must see why, and the step an error, not a hang
                    say(f"could not play ECS's part in {action}: {error!r}")
                    status, data = 500, json.dumps({"__type": "ServerException", "message": str(error)}).encode()
            self.answer(status, answer_headers, data)

        def answer(self, status, headers, data):
            self.send_response(status)
            for key, value in headers.items():
                if key.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        @staticmethod
        def judged(action, data):
            answer = json.loads(data)
            if action == "UpdateService":
                answer["service"] = ecs.updated(answer["service"])
            else:
                answer["services"] = [ecs.described(s) for s in answer.get("services", [])]
            return json.dumps(answer).encode()

    return Handler


def main(argv):
    parser = argparse.ArgumentParser(prog="ecs-stand-in.py")
    parser.add_argument("moto")
    parser.add_argument("port_file")
    parser.add_argument("--failing-image", action="append", default=[])
    args = parser.parse_args(argv)
    if urllib.parse.urlparse(args.moto).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"{LABEL} the emulator must be on a loopback address (got {args.moto})")
    ecs = Ecs(args.moto, args.failing_image)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(args.moto, ecs))
    with open(args.port_file, "w", encoding="utf-8") as handle:
        handle.write(f"{server.server_address[1]}\n")
    say(f"in front of moto on http://127.0.0.1:{server.server_address[1]}: it plays ECS's deployments"
        f" (tasks of {', '.join(args.failing_image) or 'no image'} fail their health check)")
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])

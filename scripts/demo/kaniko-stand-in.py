#!/usr/bin/env python3
"""Local stand-in for Kaniko's executor and for ECR's scan on push, against the local emulator only.

The deploy runner's build-docker-image script ends by running Kaniko (KANIKO_EXECUTOR, by default
/kaniko/executor) with Kaniko's own flags. moto's ECR keeps image records, not layers, and this
machine builds no images, so this plays both parts visibly: it reads the build context Kaniko
would build, records for each --destination an image manifest in moto's ECR under that tag (its
digests are hashes of the context's files that .dockerignore lets in, the Dockerfile and the build
arguments, so the same inputs give the same manifest), then plays the repository's scan on push
with the findings BAKEHOUSE_STAND_IN_SCAN names (e.g. HIGH=1,LOW=3; none when unset), because moto
scans nothing.
Every line it prints says it is a stand-in.

It talks to AWS_ENDPOINT_URL only, and refuses to run unless that is a loopback address.

usage: kaniko-stand-in.py --context=dir://DIR [--dockerfile=PATH] --destination=IMAGE:TAG...
                          [--build-arg=NAME=VALUE]... [--target=STAGE] [--cleanup]
"""

import argparse
import fnmatch
import hashlib
import json
import os
import re
import sys
import urllib.parse
import urllib.request

import boto3

LABEL = "[local stand-in for Kaniko]"
SCAN_LABEL = "[local stand-in for ECR's scan on push]"
ECR_IMAGE = re.compile(r"(?P<account>\d{12})\.dkr\.ecr\.(?P<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/"
                       r"(?P<repository>[a-z0-9._/-]+):(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})")
SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED")


def say(label, message):
    print(f"{label} {message}", flush=True)


def fail(message):
    print(f"{LABEL} error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def loopback_endpoint():
    endpoint = os.environ.get("AWS_ENDPOINT_URL", "")
    host = urllib.parse.urlparse(endpoint).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        fail(f"AWS_ENDPOINT_URL must be the local emulator on a loopback address (got {endpoint!r}); "
             "this stand-in never writes to AWS")
    return endpoint


def parse(argv):
    parser = argparse.ArgumentParser(prog="kaniko-stand-in.py", allow_abbrev=False)
    parser.add_argument("--context", required=True)
    parser.add_argument("--dockerfile", default="Dockerfile")
    parser.add_argument("--destination", action="append", required=True)
    parser.add_argument("--build-arg", action="append", default=[])
    parser.add_argument("--target")
    parser.add_argument("--cleanup", action="store_true")
    args = parser.parse_args(argv)
    if not args.context.startswith("dir://"):
        fail(f"--context must be dir://DIR, as build-docker-image passes it (got {args.context!r})")
    args.context = args.context[len("dir://"):]
    if not os.path.isabs(args.dockerfile):
        args.dockerfile = os.path.join(args.context, args.dockerfile)
    return args


def ignore_rules(context):
    """The context's .dockerignore: (pattern, excluded) in file order; the last rule that matches a path wins."""
    rules = []
    path = os.path.join(context, ".dockerignore")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line and not line.startswith("#"):
                    rules.append((line[1:].strip("/"), False) if line.startswith("!") else (line.strip("/"), True))
    return rules


def ignored(relative, rules):
    """Whether .dockerignore keeps a file out of the context (a rule naming a parent directory counts too)."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    out = False
    for pattern, excluded in rules:
        if any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes):
            out = excluded
    return out


def context_digest(args):
    """sha256 of every file Kaniko would send (path and bytes, in path order), the Dockerfile, the arguments."""
    digest = hashlib.sha256()
    files = 0
    total = 0
    rules = ignore_rules(args.context)
    for top, dirs, names in os.walk(args.context):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(top, name)
            if ignored(os.path.relpath(path, args.context).replace(os.sep, "/"), rules):
                continue
            with open(path, "rb") as handle:
                data = handle.read()
            digest.update(os.path.relpath(path, args.context).encode() + b"\0" + data + b"\0")
            files += 1
            total += len(data)
    with open(args.dockerfile, "rb") as handle:
        digest.update(b"Dockerfile\0" + handle.read())
    for extra in sorted(args.build_arg) + [args.target or ""]:
        digest.update(extra.encode() + b"\0")
    return "sha256:" + digest.hexdigest(), files, total


def manifest_for(layer_digest, size):
    config = json.dumps({"architecture": "amd64", "os": "linux",
                         "rootfs": {"type": "layers", "diff_ids": [layer_digest]}}, sort_keys=True).encode()
    return json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": len(config),
                   "digest": "sha256:" + hashlib.sha256(config).hexdigest()},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": size,
                    "digest": layer_digest}],
    }, sort_keys=True)


def findings():
    counts = {}
    for pair in filter(None, os.environ.get("BAKEHOUSE_STAND_IN_SCAN", "").split(",")):
        severity, _, count = pair.partition("=")
        if severity not in SEVERITIES or not count.isdigit():
            fail(f"BAKEHOUSE_STAND_IN_SCAN takes SEVERITY=N pairs of {', '.join(SEVERITIES)} (got {pair!r})")
        counts[severity] = int(count)
    return counts


def play_scan(endpoint, ecr, image, counts):
    """Sets moto's answer for the image's scan, then starts the scan, as ECR does after a push."""
    body = json.dumps({"region": image["region"], "results": [{
        "registryId": image["account"], "repositoryName": image["repository"],
        "imageId": {"imageTag": image["tag"]},
        "imageScanStatus": {"status": "COMPLETE", "description": "The scan was completed successfully."},
        "imageScanFindings": {"findingSeverityCounts": counts}}]}).encode()
    request = urllib.request.Request(endpoint + "/moto-api/static/ecr/scan-finding-results", data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as answer:
        if answer.status // 100 != 2:
            fail(f"moto answered {answer.status} to the scan results")
    ecr.start_image_scan(registryId=image["account"], repositoryName=image["repository"],
                         imageId={"imageTag": image["tag"]})
    found = ", ".join(f"{k}={v}" for k, v in counts.items()) or "none"
    say(SCAN_LABEL, f"{image['repository']}:{image['tag']}: scan complete, findings {found}")


def main(argv):
    endpoint = loopback_endpoint()
    args = parse(argv)
    images = []
    for destination in args.destination:
        m = ECR_IMAGE.fullmatch(destination)
        if not m:
            fail(f"--destination {destination} is not an ECR image reference (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG)")
        images.append(m.groupdict())
    if not os.path.isfile(args.dockerfile):
        fail(f"no Dockerfile at {args.dockerfile}")
    counts = findings()
    layer, files, size = context_digest(args)
    manifest = manifest_for(layer, size)
    say(LABEL, f"moto's ECR keeps image records, not layers: no image is built here; recording one for the "
               f"context's {files} files ({size} bytes), content {layer}")
    for image in images:
        ecr = boto3.client("ecr", region_name=image["region"], endpoint_url=endpoint)
        pushed = ecr.put_image(registryId=image["account"], repositoryName=image["repository"], imageTag=image["tag"],
                               imageManifest=manifest,
                               imageManifestMediaType="application/vnd.docker.distribution.manifest.v2+json")
        say(LABEL, f"pushed {image['repository']}:{image['tag']} ({pushed['image']['imageId']['imageDigest']})")
        play_scan(endpoint, ecr, image, counts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

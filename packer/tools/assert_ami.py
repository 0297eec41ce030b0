"""Checks AMIs in a local EC2 emulator: each exists, is available and carries the tags.

usage: assert_ami.py ENDPOINT ARTIFACT_ID EXPECTED_TAGS_JSON NAME_PREFIX
ARTIFACT_ID is Packer's "region:ami,region:ami" form. Exits 1 with one line per problem.
"""
import json
import sys

import boto3


def problems_for(endpoint, region, ami_id, expected_tags, name_prefix):
    # Fixed fake credentials: this only ever talks to the local emulator.
    ec2 = boto3.client("ec2", region_name=region, endpoint_url=endpoint,
                       aws_access_key_id="test", aws_secret_access_key="test")
    images = ec2.describe_images(ImageIds=[ami_id])["Images"]
    if len(images) != 1:
        return [f"{region}:{ami_id}: describe-images returned {len(images)} images, want 1"]
    image = images[0]
    found = []
    if image.get("State") != "available":
        found.append(f"{region}:{ami_id}: state {image.get('State')!r}, want 'available'")
    if not image.get("Name", "").startswith(name_prefix):
        found.append(f"{region}:{ami_id}: name {image.get('Name')!r} does not start with {name_prefix!r}")
    tags = {tag["Key"]: tag["Value"] for tag in image.get("Tags", [])}
    for key, value in expected_tags.items():
        if tags.get(key) != value:
            found.append(f"{region}:{ami_id}: tag {key}={tags.get(key)!r}, want {value!r}")
    if tags.get("Name") != image.get("Name"):
        found.append(f"{region}:{ami_id}: tag Name={tags.get('Name')!r}, want the AMI name {image.get('Name')!r}")
    return found


def main(endpoint, artifact_id, expected_tags_json, name_prefix):
    if not endpoint.startswith(("http://127.0.0.1:", "http://localhost:")):
        print(f"refusing non-loopback endpoint {endpoint!r}", file=sys.stderr)
        return 2
    expected_tags = json.loads(expected_tags_json)
    pairs = [entry.split(":", 1) for entry in artifact_id.split(",") if entry]
    if not pairs:
        print("no AMI in the artifact id", file=sys.stderr)
        return 1
    found = []
    for region, ami_id in pairs:
        found += problems_for(endpoint, region, ami_id, expected_tags, name_prefix)
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print(f"verified {len(pairs)} AMI(s): {artifact_id}")
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))

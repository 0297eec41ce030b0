"""Deploys cloudformation/site.yaml to moto, updates it, and checks on paper what moto cannot create.

moto gaps worked around here (the template itself is deployed unchanged otherwise):
- moto's CloudFormation creates no AWS::CloudFront::Distribution, AWS::CloudFront::OriginAccessControl
  or AWS::S3::BucketPolicy: cfn_template.for_moto drops the three (nothing else refers to them) and
  the outputs that name the distribution (DistributionId, DistributionDomainName, Url).
  SiteTemplateStaticTest checks them in the template, and evaluates the bucket policy with iam_eval
  as the stack would hold it: the distribution reads through Origin Access Control, nobody else.
- moto's CloudFormation keeps the bucket's name, encryption and tags, not its public access block
  or ownership controls: the deploy tests assert what it keeps, the static tests the rest.
The pipeline's live test (PipelineIT) publishes site/public into the bucket such a stack makes,
behind a distribution created through moto's CloudFront API.
"""

import os
import unittest

import cfn_template
import iam_eval
import moto_env
from cfn_policies import Stack
from iam_eval import EXPLICIT_DENY, Principal, Request

TEMPLATE = cfn_template.load("site.yaml")
ACCOUNT = "123456789012"
SITE_DIR = os.path.join(cfn_template.TEMPLATE_DIR, "..", "site", "public")
CLOUDFRONT = Principal.service("cloudfront.amazonaws.com")


class SiteStackDeployTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cfn = moto_env.client("cloudformation")
        cls.s3 = moto_env.client("s3")
        cls.body, cls.dropped, cls.dropped_outputs = cfn_template.for_moto(TEMPLATE)

    def create(self, **overrides):
        name = moto_env.unique("bakehouse-site")
        values = {"Environment": "dev"}
        values.update(overrides)
        self.cfn.create_stack(StackName=name, TemplateBody=self.body, Parameters=moto_env.parameters(values))
        self.assertEqual("CREATE_COMPLETE", self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])
        return name

    def test_only_what_moto_lacks_is_dropped(self):
        self.assertEqual({"Distribution", "OriginAccessControl", "BucketPolicy"}, self.dropped)
        self.assertEqual({"DistributionId", "DistributionDomainName", "Url"}, self.dropped_outputs)

    def test_create_names_the_bucket_after_the_stack_the_account_and_the_region(self):
        name = self.create()
        bucket = moto_env.outputs(self.cfn, name)["BucketName"]
        self.assertEqual(f"{name}-{ACCOUNT}-{moto_env.REGION}", bucket)
        self.assertEqual(bucket, moto_env.physical_ids(self.cfn, name)["Bucket"])
        self.s3.head_bucket(Bucket=bucket)

    def test_bucket_is_encrypted_with_s3_managed_keys_and_tagged_with_its_environment(self):
        name = self.create(Environment="prod")
        bucket = moto_env.outputs(self.cfn, name)["BucketName"]
        [rule] = self.s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        self.assertEqual("AES256", rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"])
        self.assertEqual([{"Key": "Environment", "Value": "prod"}], self.s3.get_bucket_tagging(Bucket=bucket)["TagSet"])

    def test_update_keeps_the_bucket_and_the_published_files(self):
        name = self.create()
        bucket = moto_env.outputs(self.cfn, name)["BucketName"]
        self.s3.put_object(Bucket=bucket, Key="index.html", Body=b"<!doctype html><title>Home</title>")
        self.cfn.update_stack(StackName=name, TemplateBody=self.body,
                              Parameters=moto_env.parameters({"Environment": "dev", "PriceClass": "PriceClass_All"}))
        self.assertEqual("UPDATE_COMPLETE", self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])
        self.assertEqual(bucket, moto_env.outputs(self.cfn, name)["BucketName"])
        body = self.s3.get_object(Bucket=bucket, Key="index.html")["Body"].read()
        self.assertEqual(b"<!doctype html><title>Home</title>", body)


class SiteTemplateStaticTest(unittest.TestCase):
    """What moto does not create: the distribution, its origin access control and the bucket policy."""

    resources = TEMPLATE["Resources"]

    def stack(self, environment="dev", **overrides):
        values = {"Environment": environment}
        values.update(overrides)
        return Stack(TEMPLATE, f"bakehouse-site-{environment}", values, account=ACCOUNT)

    def distribution_config(self):
        return self.resources["Distribution"]["Properties"]["DistributionConfig"]

    def test_bucket_blocks_every_kind_of_public_access(self):
        properties = self.resources["Bucket"]["Properties"]
        self.assertEqual({"BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
                          "RestrictPublicBuckets": True}, properties["PublicAccessBlockConfiguration"])
        self.assertEqual([{"ObjectOwnership": "BucketOwnerEnforced"}], properties["OwnershipControls"]["Rules"])
        self.assertFalse({"AccessControl", "WebsiteConfiguration"} & set(properties))
        [encryption] = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        # SSE-S3: ETags stay the MD5 of the content, which publishSite compares without downloading
        self.assertEqual({"SSEAlgorithm": "AES256"}, encryption["ServerSideEncryptionByDefault"])

    def test_bucket_name_is_the_stack_account_and_region(self):
        self.assertEqual(f"bakehouse-site-prod-{ACCOUNT}-us-east-1", self.stack("prod").physical_id("Bucket"))

    def test_distribution_reads_the_bucket_through_origin_access_control_only(self):
        config = self.distribution_config()
        [origin] = config["Origins"]
        self.assertEqual({"Fn::GetAtt": ["Bucket", "RegionalDomainName"]}, origin["DomainName"])
        self.assertEqual({"Fn::GetAtt": ["OriginAccessControl", "Id"]}, origin["OriginAccessControlId"])
        # no legacy origin access identity beside it
        self.assertEqual({"OriginAccessIdentity": ""}, origin["S3OriginConfig"])
        access = self.resources["OriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
        self.assertEqual(("s3", "always", "sigv4"), (access["OriginAccessControlOriginType"], access["SigningBehavior"],
                                                     access["SigningProtocol"]))
        self.assertEqual(origin["Id"], config["DefaultCacheBehavior"]["TargetOriginId"])

    def test_distribution_serves_the_site_over_https_only(self):
        config = self.distribution_config()
        behavior = config["DefaultCacheBehavior"]
        self.assertIs(True, config["Enabled"])
        self.assertEqual("redirect-to-https", behavior["ViewerProtocolPolicy"])
        self.assertEqual(["GET", "HEAD"], behavior["AllowedMethods"])
        self.assertEqual("index.html", config["DefaultRootObject"])

    def test_missing_pages_get_the_sites_own_404_page(self):
        responses = self.distribution_config()["CustomErrorResponses"]
        self.assertEqual({403, 404}, {r["ErrorCode"] for r in responses})
        for response in responses:
            with self.subTest(code=response["ErrorCode"]):
                self.assertEqual(404, response["ResponseCode"])
                page = response["ResponsePagePath"]
                self.assertTrue(os.path.isfile(os.path.join(SITE_DIR, page.lstrip("/"))), page + " is not in site/public")
        self.assertTrue(os.path.isfile(os.path.join(SITE_DIR, self.distribution_config()["DefaultRootObject"])))

    def test_only_this_distribution_may_read_the_bucket_and_only_over_tls(self):
        stack = self.stack()
        policy = stack.resolve(self.resources["BucketPolicy"]["Properties"]["PolicyDocument"])
        bucket = stack.attribute("Bucket", "Arn")
        page = bucket + "/index.html"
        this = f"arn:aws:cloudfront::{ACCOUNT}:distribution/" + stack.physical_id("Distribution")
        over_tls = {"aws:SourceArn": this, "aws:SecureTransport": True}

        def decide(action, resource, context, principal=CLOUDFRONT):
            decision = iam_eval.evaluate([policy], Request(action, resource, context, principal))
            self.assertEqual((), decision.unevaluated)
            return decision

        self.assertTrue(decide("s3:GetObject", page, over_tls).allowed)
        other = dict(over_tls, **{"aws:SourceArn": f"arn:aws:cloudfront::{ACCOUNT}:distribution/E0THERDISTR1BU"})
        self.assertFalse(decide("s3:GetObject", page, other).allowed)
        self.assertFalse(decide("s3:GetObject", page, {"aws:SecureTransport": True}).allowed)
        for action, resource in (("s3:PutObject", page), ("s3:DeleteObject", page), ("s3:ListBucket", bucket)):
            with self.subTest(action=action):
                self.assertFalse(decide(action, resource, over_tls).allowed)
        anyone = Principal.aws("arn:aws:iam::210987654321:root")
        self.assertFalse(decide("s3:GetObject", page, {"aws:SecureTransport": True}, anyone).allowed)
        plain = dict(over_tls, **{"aws:SecureTransport": False})
        self.assertEqual(EXPLICIT_DENY, decide("s3:GetObject", page, plain).effect)
        self.assertEqual(EXPLICIT_DENY, decide("s3:PutObject", page, {"aws:SecureTransport": False},
                                               Principal.aws(f"arn:aws:iam::{ACCOUNT}:root")).effect)

    def test_outputs_are_what_publish_site_takes(self):
        outputs = TEMPLATE["Outputs"]
        self.assertEqual({"Ref": "Bucket"}, outputs["BucketName"]["Value"])
        self.assertEqual({"Ref": "Distribution"}, outputs["DistributionId"]["Value"])

    def test_parameter_files_set_every_required_parameter(self):
        required = {name for name, spec in TEMPLATE["Parameters"].items() if "Default" not in spec}
        for environment in ("dev", "prod"):
            with self.subTest(environment=environment):
                values = cfn_template.parameter_file(self, TEMPLATE, f"site-{environment}.json", environment, required)
                self.stack(environment, **{k: v for k, v in values.items() if k != "Environment"})


if __name__ == "__main__":
    unittest.main()

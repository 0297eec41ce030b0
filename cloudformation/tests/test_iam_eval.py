"""iam_eval against IAM's documented rules: wildcards, Deny precedence, conditions, principals."""

import unittest

from iam_eval import ALLOW, EXPLICIT_DENY, IMPLICIT_DENY, Principal, Request, evaluate, statement_matches

PARAM = "arn:aws:ssm:us-east-1:123456789012:parameter/DeploymentConfig/prod/App/AmiId"
VIA_CFN = {"aws:CalledVia": ["cloudformation.amazonaws.com"]}


def allow(action, resource="*", **extra):
    return {"Version": "2012-10-17", "Statement": [dict({"Effect": "Allow", "Action": action, "Resource": resource}, **extra)]}


def deny(action, resource="*", **extra):
    return {"Version": "2012-10-17", "Statement": [dict({"Effect": "Deny", "Action": action, "Resource": resource}, **extra)]}


def effect(documents, action, resource="*", context=None, principal=None):
    return evaluate(documents, Request(action, resource, context or {}, principal)).effect


class ActionWildcardTest(unittest.TestCase):
    def test_actions_match_case_insensitively(self):
        self.assertEqual(ALLOW, effect([allow("SSM:putparameter")], "ssm:PutParameter"))

    def test_star_matches_any_run_of_characters_including_none(self):
        for pattern in ("ssm:*", "ssm:Put*", "ssm:*Parameter", "*", "ssm:PutParameter*"):
            with self.subTest(pattern=pattern):
                self.assertEqual(ALLOW, effect([allow(pattern)], "ssm:PutParameter"))

    def test_question_mark_matches_exactly_one_character(self):
        self.assertEqual(ALLOW, effect([allow("ssm:?utParameter")], "ssm:PutParameter"))
        self.assertEqual(IMPLICIT_DENY, effect([allow("ssm:??utParameter")], "ssm:PutParameter"))

    def test_another_service_or_a_prefix_only_does_not_match(self):
        self.assertEqual(IMPLICIT_DENY, effect([allow("ssmx:PutParameter")], "ssm:PutParameter"))
        self.assertEqual(IMPLICIT_DENY, effect([allow("ssm:Put")], "ssm:PutParameter"))
        self.assertEqual(IMPLICIT_DENY, effect([allow("ssm:Get*")], "ssm:PutParameter"))

    def test_brackets_are_plain_characters(self):
        self.assertEqual(IMPLICIT_DENY, effect([allow("ssm:[P]utParameter")], "ssm:PutParameter"))

    def test_not_action_allows_everything_else(self):
        document = {"Statement": [{"Effect": "Allow", "NotAction": "ssm:Put*", "Resource": "*"}]}
        self.assertEqual(ALLOW, effect([document], "ssm:GetParameter"))
        self.assertEqual(IMPLICIT_DENY, effect([document], "ssm:PutParameter"))


class ResourceWildcardTest(unittest.TestCase):
    def test_star_alone_matches_every_resource(self):
        self.assertEqual(ALLOW, effect([allow("ssm:PutParameter", "*")], "ssm:PutParameter", PARAM))

    def test_star_in_the_last_component_crosses_slashes(self):
        pattern = "arn:aws:ssm:us-east-1:123456789012:parameter/DeploymentConfig/*"
        self.assertEqual(ALLOW, effect([allow("ssm:PutParameter", pattern)], "ssm:PutParameter", PARAM))

    def test_a_path_pattern_does_not_reach_a_sibling_path(self):
        pattern = "arn:aws:ssm:us-east-1:123456789012:parameter/DeploymentConfig/dev/*"
        self.assertEqual(IMPLICIT_DENY, effect([allow("ssm:PutParameter", pattern)], "ssm:PutParameter", PARAM))

    def test_resources_are_case_sensitive(self):
        pattern = "arn:aws:ssm:us-east-1:123456789012:parameter/deploymentconfig/*"
        self.assertEqual(IMPLICIT_DENY, effect([allow("ssm:PutParameter", pattern)], "ssm:PutParameter", PARAM))

    def test_a_star_ending_a_segment_runs_on_across_colons(self):
        # IAM: "If the * wildcard is the last character of a resource ARN segment, it can expand
        # to match beyond the colon boundaries": here it covers both region and account.
        pattern = "arn:aws:ssm:*:parameter/DeploymentConfig/prod/App/AmiId"
        self.assertEqual(ALLOW, effect([allow("ssm:PutParameter", pattern)], "ssm:PutParameter", PARAM))

    def test_a_star_or_question_mark_inside_a_segment_stays_in_it(self):
        for pattern in ("arn:aws:ssm:us-*1:parameter/DeploymentConfig/prod/App/AmiId",
                        "arn:aws:ssm:us-east-?23456789012:parameter/DeploymentConfig/prod/App/AmiId"):
            with self.subTest(pattern=pattern):
                self.assertEqual(IMPLICIT_DENY, effect([allow("ssm:PutParameter", pattern)], "ssm:PutParameter", PARAM))
        pattern = "arn:aws:ssm:us-*-1:123456789012:parameter/DeploymentConfig/prod/App/AmiId"
        self.assertEqual(ALLOW, effect([allow("ssm:PutParameter", pattern)], "ssm:PutParameter", PARAM))

    def test_arn_like_compares_component_by_component(self):
        condition = {"ArnLike": {"aws:SourceArn": "arn:aws:ecs:*:cluster/runner"}}
        document = allow("sts:AssumeRole", Condition=condition)
        source = {"aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:cluster/runner"}
        self.assertEqual(IMPLICIT_DENY, effect([document], "sts:AssumeRole", context=source))
        condition = {"ArnLike": {"aws:SourceArn": "arn:aws:ecs:*:*:cluster/runner"}}
        self.assertEqual(ALLOW, effect([allow("sts:AssumeRole", Condition=condition)], "sts:AssumeRole", context=source))

    def test_the_last_component_keeps_its_colons(self):
        group = "arn:aws:logs:us-east-1:123456789012:log-group:/bakehouse/runner:log-stream:a/b"
        pattern = "arn:aws:logs:us-east-1:123456789012:log-group:/bakehouse/runner:*"
        self.assertEqual(ALLOW, effect([allow("logs:GetLogEvents", pattern)], "logs:GetLogEvents", group))

    def test_question_mark_in_a_resource(self):
        stack = "arn:aws:cloudformation:us-east-1:123456789012:stack/app-prod/1"
        self.assertEqual(ALLOW, effect([allow("cloudformation:*", "arn:aws:cloudformation:us-east-1:123456789012:stack/app-pro?/?")],
                                       "cloudformation:ExecuteChangeSet", stack))
        self.assertEqual(IMPLICIT_DENY, effect([allow("cloudformation:*", "arn:aws:cloudformation:us-east-1:123456789012:stack/app-?/*")],
                                               "cloudformation:ExecuteChangeSet", stack))

    def test_not_resource_allows_everything_else(self):
        document = {"Statement": [{"Effect": "Allow", "Action": "ssm:*", "NotResource": "arn:aws:ssm:*:*:parameter/DeploymentConfig/prod/*"}]}
        self.assertEqual(IMPLICIT_DENY, effect([document], "ssm:PutParameter", PARAM))
        self.assertEqual(ALLOW, effect([document], "ssm:PutParameter", PARAM.replace("/prod/", "/dev/")))

    def test_an_identity_statement_without_resource_is_refused(self):
        with self.assertRaises(ValueError):
            evaluate([{"Statement": [{"Effect": "Allow", "Action": "ssm:*"}]}], Request("ssm:PutParameter", PARAM))


class PrecedenceTest(unittest.TestCase):
    def test_nothing_granted_is_an_implicit_deny(self):
        self.assertEqual(IMPLICIT_DENY, effect([], "ssm:PutParameter", PARAM))

    def test_explicit_deny_beats_allow_in_any_order_and_any_document(self):
        documents = [allow("ssm:*"), deny("ssm:PutParameter", PARAM)]
        self.assertEqual(EXPLICIT_DENY, effect(documents, "ssm:PutParameter", PARAM))
        self.assertEqual(EXPLICIT_DENY, effect(list(reversed(documents)), "ssm:PutParameter", PARAM))
        self.assertEqual(ALLOW, effect(documents, "ssm:GetParameter", PARAM))

    def test_a_deny_whose_condition_fails_does_not_deny(self):
        documents = [allow("ssm:*"), deny("ssm:*", Condition={"Bool": {"aws:MultiFactorAuthPresent": "false"}})]
        self.assertEqual(EXPLICIT_DENY, effect(documents, "ssm:PutParameter", PARAM, {"aws:MultiFactorAuthPresent": False}))
        self.assertEqual(ALLOW, effect(documents, "ssm:PutParameter", PARAM, {"aws:MultiFactorAuthPresent": True}))

    def test_the_decision_names_the_statements(self):
        documents = [{"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "ssm:*", "Resource": "*"},
                                    {"Sid": "D", "Effect": "Deny", "Action": "ssm:Put*", "Resource": "*"}]}]
        decision = evaluate(documents, Request("ssm:PutParameter", PARAM))
        self.assertEqual((("A",), ("D",)), (decision.allowed_by, decision.denied_by))


class ConditionTest(unittest.TestCase):
    called_via = allow("autoscaling:*", Condition={"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}})

    def test_for_any_value_matches_one_of_the_request_values(self):
        self.assertEqual(ALLOW, effect([self.called_via], "autoscaling:CreateAutoScalingGroup", context=VIA_CFN))
        context = {"aws:CalledVia": ["athena.amazonaws.com", "cloudformation.amazonaws.com"]}
        self.assertEqual(ALLOW, effect([self.called_via], "autoscaling:CreateAutoScalingGroup", context=context))

    def test_for_any_value_with_the_key_missing_or_empty_does_not_match(self):
        self.assertEqual(IMPLICIT_DENY, effect([self.called_via], "autoscaling:CreateAutoScalingGroup"))
        self.assertEqual(IMPLICIT_DENY, effect([self.called_via], "autoscaling:CreateAutoScalingGroup", context={"aws:CalledVia": []}))

    def test_for_all_values_with_the_key_missing_matches(self):
        document = allow("s3:*", Condition={"ForAllValues:StringEquals": {"aws:TagKeys": ["Environment"]}})
        self.assertEqual(ALLOW, effect([document], "s3:PutObject"))
        self.assertEqual(ALLOW, effect([document], "s3:PutObject", context={"aws:TagKeys": ["Environment"]}))
        self.assertEqual(IMPLICIT_DENY, effect([document], "s3:PutObject", context={"aws:TagKeys": ["Environment", "Owner"]}))

    def test_string_equals_is_case_sensitive_and_the_key_is_not(self):
        document = allow("sts:AssumeRole", Condition={"StringEquals": {"sts:ExternalId": "Secret-1"}})
        self.assertEqual(ALLOW, effect([document], "sts:AssumeRole", context={"STS:externalid": "Secret-1"}))
        self.assertEqual(IMPLICIT_DENY, effect([document], "sts:AssumeRole", context={"sts:ExternalId": "secret-1"}))
        document = allow("sts:AssumeRole", Condition={"StringEqualsIgnoreCase": {"sts:ExternalId": "Secret-1"}})
        self.assertEqual(ALLOW, effect([document], "sts:AssumeRole", context={"sts:ExternalId": "secret-1"}))

    def test_a_missing_key_fails_a_positive_operator(self):
        document = allow("sts:AssumeRole", Condition={"StringEquals": {"sts:ExternalId": "x"}})
        self.assertEqual(IMPLICIT_DENY, effect([document], "sts:AssumeRole"))

    def test_a_missing_key_passes_a_negated_operator_and_if_exists(self):
        negated = allow("ssm:*", Condition={"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}})
        self.assertEqual(ALLOW, effect([negated], "ssm:GetParameter"))
        self.assertEqual(IMPLICIT_DENY, effect([negated], "ssm:GetParameter", context={"aws:RequestedRegion": "eu-west-1"}))
        if_exists = allow("ssm:*", Condition={"StringEqualsIfExists": {"aws:RequestedRegion": "us-east-1"}})
        self.assertEqual(ALLOW, effect([if_exists], "ssm:GetParameter"))
        self.assertEqual(IMPLICIT_DENY, effect([if_exists], "ssm:GetParameter", context={"aws:RequestedRegion": "eu-west-1"}))

    def test_values_of_one_key_are_alternatives_keys_and_operators_must_all_hold(self):
        document = allow("ec2:*", Condition={
            "StringEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"], "ec2:ResourceTag/Builder": "packer"},
            "Bool": {"aws:SecureTransport": "true"},
        })
        context = {"aws:RequestedRegion": "us-west-2", "ec2:ResourceTag/Builder": "packer", "aws:SecureTransport": True}
        self.assertEqual(ALLOW, effect([document], "ec2:TerminateInstances", context=context))
        for key in context:
            with self.subTest(missing=key):
                partial = {k: v for k, v in context.items() if k != key}
                self.assertEqual(IMPLICIT_DENY, effect([document], "ec2:TerminateInstances", context=partial))

    def test_negated_operator_with_several_values_needs_none_to_match(self):
        document = allow("ssm:*", Condition={"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"]}})
        self.assertEqual(IMPLICIT_DENY, effect([document], "ssm:GetParameter", context={"aws:RequestedRegion": "us-west-2"}))
        self.assertEqual(ALLOW, effect([document], "ssm:GetParameter", context={"aws:RequestedRegion": "eu-west-1"}))

    def test_string_like_and_arn_like_use_wildcards(self):
        like = allow("ssm:*", Condition={"StringLike": {"aws:PrincipalTag/team": "bake*"}})
        self.assertEqual(ALLOW, effect([like], "ssm:GetParameter", context={"aws:PrincipalTag/team": "bakehouse"}))
        arn = allow("ecs:StopTask", Condition={"ArnLike": {"ecs:cluster": "arn:aws:ecs:*:123456789012:cluster/runner-*"}})
        self.assertEqual(ALLOW, effect([arn], "ecs:StopTask", context={"ecs:cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/runner-a"}))
        self.assertEqual(IMPLICIT_DENY, effect([arn], "ecs:StopTask", context={"ecs:cluster": "arn:aws:ecs:us-east-1:210987654321:cluster/runner-a"}))

    def test_null_tests_presence(self):
        document = allow("ssm:*", Condition={"Null": {"aws:TokenIssueTime": "false"}})
        self.assertEqual(ALLOW, effect([document], "ssm:GetParameter", context={"aws:TokenIssueTime": "2024-01-01T00:00:00Z"}))
        self.assertEqual(IMPLICIT_DENY, effect([document], "ssm:GetParameter"))

    def test_an_unknown_operator_never_matches_and_is_reported(self):
        document = {"Statement": [{"Sid": "Numeric", "Effect": "Allow", "Action": "ssm:*", "Resource": "*",
                                   "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}}]}
        decision = evaluate([document], Request("ssm:PutParameter", PARAM, {"aws:MultiFactorAuthAge": "10"}))
        self.assertEqual(IMPLICIT_DENY, decision.effect)
        self.assertEqual(1, len(decision.unevaluated))
        self.assertIn("Numeric", decision.unevaluated[0])

    def test_a_deny_that_cannot_be_evaluated_is_reported_too(self):
        documents = [allow("ssm:*"), deny("ssm:*", Condition={"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}})]
        decision = evaluate(documents, Request("ssm:PutParameter", PARAM, {"aws:CurrentTime": "2024-01-01T00:00:00Z"}))
        self.assertEqual(1, len(decision.unevaluated))

    def test_several_values_for_a_single_valued_operator_are_not_guessed(self):
        document = allow("ssm:*", Condition={"StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}})
        decision = evaluate([document], Request("ssm:PutParameter", PARAM, {"aws:CalledVia": ["a", "cloudformation.amazonaws.com"]}))
        self.assertEqual((IMPLICIT_DENY, 1), (decision.effect, len(decision.unevaluated)))

    def test_policy_variables_are_not_guessed(self):
        document = allow("ssm:*", "arn:aws:ssm:us-east-1:123456789012:parameter/${aws:username}/*")
        decision = evaluate([document], Request("ssm:PutParameter", PARAM))
        self.assertEqual((IMPLICIT_DENY, 1), (decision.effect, len(decision.unevaluated)))

    def test_conditions_can_be_ignored_to_find_every_statement_that_could_grant(self):
        [statement] = self.called_via["Statement"]
        request = Request("autoscaling:UpdateAutoScalingGroup")
        self.assertFalse(statement_matches(statement, request))
        self.assertTrue(statement_matches(statement, request, ignore_conditions=True))


class TrustPolicyTest(unittest.TestCase):
    role = "arn:aws:iam::123456789012:role/agents"
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": role}, "Action": "sts:AssumeRole",
                            "Condition": {"StringEquals": {"sts:ExternalId": "s3cret-external-id"}}}]}

    def decide(self, principal, context):
        return evaluate([self.trust], Request("sts:AssumeRole", context=context, principal=principal)).effect

    def test_the_named_role_with_the_external_id_may_assume(self):
        self.assertEqual(ALLOW, self.decide(Principal.aws(self.role), {"sts:ExternalId": "s3cret-external-id"}))

    def test_without_or_with_a_wrong_external_id_it_may_not(self):
        self.assertEqual(IMPLICIT_DENY, self.decide(Principal.aws(self.role), {}))
        self.assertEqual(IMPLICIT_DENY, self.decide(Principal.aws(self.role), {"sts:ExternalId": "guess"}))

    def test_other_principals_may_not(self):
        for principal in (Principal.aws("arn:aws:iam::123456789012:role/other"), Principal.aws("arn:aws:iam::123456789012:root"),
                          Principal.service("ecs-tasks.amazonaws.com")):
            with self.subTest(principal=principal):
                self.assertEqual(IMPLICIT_DENY, self.decide(principal, {"sts:ExternalId": "s3cret-external-id"}))

    def test_an_account_principal_covers_every_principal_of_that_account(self):
        for name in ("123456789012", "arn:aws:iam::123456789012:root"):
            trust = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": name}, "Action": "sts:AssumeRole"}]}
            with self.subTest(name=name):
                self.assertEqual(ALLOW, effect([trust], "sts:AssumeRole", principal=Principal.aws(self.role)))
                self.assertEqual(IMPLICIT_DENY, effect([trust], "sts:AssumeRole", principal=Principal.aws("arn:aws:iam::210987654321:role/agents")))

    def test_service_principals_and_not_principal(self):
        trust = {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
        self.assertEqual(ALLOW, effect([trust], "sts:AssumeRole", principal=Principal.service("ecs-tasks.amazonaws.com")))
        self.assertEqual(IMPLICIT_DENY, effect([trust], "sts:AssumeRole", principal=Principal.aws(self.role)))
        everyone_else = {"Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": self.role}, "Action": "sts:AssumeRole"},
                                       {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}
        self.assertEqual(ALLOW, effect([everyone_else], "sts:AssumeRole", principal=Principal.aws(self.role)))
        self.assertEqual(EXPLICIT_DENY, effect([everyone_else], "sts:AssumeRole", principal=Principal.aws("arn:aws:iam::123456789012:role/x")))


if __name__ == "__main__":
    unittest.main()

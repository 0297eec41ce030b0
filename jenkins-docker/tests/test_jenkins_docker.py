"""Structural checks of the agent image, the controller configuration and build.sh."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
JENKINS_DOCKER = os.path.dirname(HERE)
REPO = os.path.dirname(JENKINS_DOCKER)
AGENT_DOCKERFILE = os.path.join(JENKINS_DOCKER, "agent", "Dockerfile")
CONTROLLER_DOCKERFILE = os.path.join(JENKINS_DOCKER, "controller", "Dockerfile")
CASC = os.path.join(JENKINS_DOCKER, "controller", "casc.yaml")
PLUGINS = os.path.join(JENKINS_DOCKER, "controller", "plugins.txt")
AGENTS_TEMPLATE = os.path.join(REPO, "cloudformation", "jenkins-agents.yaml")
BUILD_SH = os.path.join(JENKINS_DOCKER, "agent", "build.sh")

# Commands the Jenkinsfile and the shared library run on the agent.
PIPELINE_TOOLS = ("packer", "aws", "go", "make", "git", "bakehouse", "java")
# Outputs of the agents stack that casc.yaml consumes, and where.
CASC_FIELDS_BY_OUTPUT = {
    "ClusterArn": ("cloud", "cluster"),
    "TaskRoleArn": ("template", "taskrole"),
    "ExecutionRoleArn": ("template", "executionRole"),
    "SecurityGroupId": ("template", "securityGroups"),
    "SubnetIds": ("template", "subnets"),
    "AgentRepositoryUri": ("template", "image"),
    "ProdRoleArn": ("environments", "BAKEHOUSE_PROD_ROLE_ARN"),
}
# Variables the operator sets (documented at the top of casc.yaml and in the README).
OPERATOR_VARIABLES = {
    "BAKEHOUSE_AGENT_IMAGE_TAG", "BAKEHOUSE_JENKINS_URL", "BAKEHOUSE_GIT_URL", "BAKEHOUSE_GITHUB_USER",
    "BAKEHOUSE_GITHUB_TOKEN", "BAKEHOUSE_ADMIN_PASSWORD", "BAKEHOUSE_ASSIGN_PUBLIC_IP", "AWS_REGION",
    "BAKEHOUSE_PROD_EXTERNAL_ID", "BAKEHOUSE_RUNNER_INVOKER",
}


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def instructions(path):
    """(KEYWORD, arguments) pairs of a Dockerfile, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for line in read(path).splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, arguments = current.partition(" ")
        logical.append((keyword.upper(), arguments.strip()))
        current = ""
    return logical


def env_name(output_key):
    return "BAKEHOUSE_" + re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", output_key).upper()


class _CfnLoader(yaml.SafeLoader):
    pass


_CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


class AgentDockerfileTest(unittest.TestCase):
    steps = instructions(AGENT_DOCKERFILE)

    def final_stage(self):
        last_from = max(i for i, (keyword, _) in enumerate(self.steps) if keyword == "FROM")
        return self.steps[last_from:]

    def test_every_base_image_is_pinned_by_a_release_tag(self):
        for path in (AGENT_DOCKERFILE, CONTROLLER_DOCKERFILE):
            for keyword, arguments in instructions(path):
                if keyword != "FROM":
                    continue
                with self.subTest(dockerfile=path, image=arguments):
                    image = arguments.split()[0]
                    self.assertNotIn("$", image, "the tag must be visible in the FROM line")
                    self.assertRegex(image, r"^[a-z0-9./_-]+:[A-Za-z0-9._-]+$")
                    self.assertNotRegex(image.split(":")[1], r"(?i)^(latest|lts|stable)$")

    def test_agent_base_is_the_inbound_agent_with_jdk17(self):
        base = self.final_stage()[0][1]
        self.assertRegex(base, r"^jenkins/inbound-agent:[0-9][A-Za-z0-9._]*-[0-9]+-jdk17$")

    def test_nothing_floats_on_latest(self):
        for path in (AGENT_DOCKERFILE, CONTROLLER_DOCKERFILE):
            with self.subTest(dockerfile=path):
                for keyword, arguments in instructions(path):
                    self.assertNotRegex(arguments, r"(?i)(:latest\b|/latest/|releases/latest)", f"{keyword} {arguments}")

    def test_it_runs_as_the_jenkins_user(self):
        users = [arguments for keyword, arguments in self.final_stage() if keyword == "USER"]
        self.assertEqual("jenkins", users[-1])
        self.assertEqual("jenkins", read(CONTROLLER_DOCKERFILE).strip().splitlines()[-1].split()[-1])

    def test_every_download_is_checked_against_a_sha256(self):
        downloads = 0
        for keyword, arguments in self.steps:
            if keyword != "RUN":
                continue
            for match in re.finditer(r"\b(?:curl|wget)\b[^&;|]*?(?:-o|-O|--output)\s+(\S+)", arguments):
                downloads += 1
                target = match.group(1)
                with self.subTest(download=target):
                    check = re.search(r'echo "\$\{(\w+)\}  ' + re.escape(target) + r'" \| sha256sum --check --strict -', arguments)
                    self.assertIsNotNone(check, f"{target} is not verified")
                    self.assertIn(check.group(1), self.checksum_args())
            self.assertNotRegex(arguments, r"\|\s*(ba)?sh\b", "never pipe a download into a shell")
        self.assertEqual(3, downloads, "packer, AWS CLI and Go")

    def checksum_args(self):
        declared = {}
        for keyword, arguments in self.steps:
            if keyword == "ARG":
                name, _, default = arguments.partition("=")
                declared.setdefault(name, default)
        return {name: default for name, default in declared.items() if name.endswith("_SHA256")}

    def test_known_checksums_are_pinned_and_the_unverifiable_one_is_required(self):
        checksums = self.checksum_args()
        self.assertEqual({"PACKER_SHA256", "GO_SHA256", "AWSCLI_SHA256"}, set(checksums))
        self.assertRegex(checksums["PACKER_SHA256"], r"^[0-9a-f]{64}$")
        self.assertRegex(checksums["GO_SHA256"], r"^[0-9a-f]{64}$")
        self.assertEqual("", checksums["AWSCLI_SHA256"], "no default: the build must fail closed")
        self.assertRegex(read(AGENT_DOCKERFILE), r'if \[ -z "\$\{AWSCLI_SHA256\}" \]; then')

    def test_versions_and_checksums_are_declared_once_before_the_first_stage(self):
        first_from = next(i for i, (keyword, _) in enumerate(self.steps) if keyword == "FROM")
        global_args = [arguments.partition("=")[0] for keyword, arguments in self.steps[:first_from] if keyword == "ARG"]
        self.assertEqual(len(global_args), len(set(global_args)))
        for name in ("PACKER_VERSION", "GO_VERSION", "AWSCLI_VERSION", "PACKER_SHA256", "GO_SHA256", "AWSCLI_SHA256"):
            self.assertIn(name, global_args)
            # Only a bare re-declaration (no value) may appear inside a stage.
            for keyword, arguments in self.steps[first_from:]:
                if keyword == "ARG" and arguments.partition("=")[0] == name:
                    self.assertEqual(name, arguments)

    def test_every_pipeline_tool_is_installed_and_checked_as_the_agent_user(self):
        final = self.final_stage()
        last_user = max(i for i, (keyword, _) in enumerate(final) if keyword == "USER")
        smoke = " ".join(arguments for keyword, arguments in final[last_user:] if keyword == "RUN")
        for tool in PIPELINE_TOOLS:
            with self.subTest(tool=tool):
                self.assertRegex(smoke, rf"(^|&& ){tool} ", f"{tool} is not run by the final check")
        text = read(AGENT_DOCKERFILE)
        apt = re.search(r"apt-get install -y --no-install-recommends ([^&]+)", text).group(1).split()
        self.assertLessEqual({"git", "make", "jq", "ca-certificates", "curl", "unzip"}, set(apt))
        self.assertIn("unzip -q /tmp/packer.zip packer -d /usr/local/bin", text)
        self.assertIn("/tmp/awscli/aws/install --install-dir /usr/local/aws-cli --bin-dir /usr/local/bin", text)
        self.assertIn("tar -C /usr/local -xzf /tmp/go.tar.gz", text)
        self.assertRegex(text, r"ENV PATH=/usr/local/go/bin:/opt/bakehouse/bin:\$\{PATH\}")
        self.assertIn("COPY --from=cli /src/bin/bakehouse /opt/bakehouse/bin/bakehouse", text)
        self.assertIn("COPY --from=cli /src/cli/target/bakehouse.jar /opt/bakehouse/lib/bakehouse.jar", text)

    def test_cli_is_built_by_maven_with_jdk17(self):
        stages = [arguments for keyword, arguments in self.steps if keyword == "FROM"]
        self.assertRegex(stages[0], r"^maven:[0-9.]+-eclipse-temurin-17 AS cli$")
        self.assertIn("mvn -B -ntp -pl cli -am package -DskipTests", read(AGENT_DOCKERFILE))


class ControllerConfigurationTest(unittest.TestCase):
    casc = yaml.safe_load(read(CASC))
    cloud = casc["jenkins"]["clouds"][0]["ecs"]
    [template] = cloud["templates"]
    environments = {variable["name"]: variable["value"] for variable in template["environments"]}

    def test_fargate_template_serves_the_pipeline_label(self):
        self.assertEqual("ecs-fargate", self.template["label"])
        self.assertEqual("FARGATE", self.template["launchType"])
        self.assertEqual("awsvpc", self.template["networkMode"])
        self.assertEqual("awslogs", self.template["logDriver"])
        options = {option["name"]: option["value"] for option in self.template["logDriverOptions"]}
        self.assertEqual({"awslogs-group", "awslogs-region", "awslogs-stream-prefix"}, set(options))
        self.assertEqual("${BAKEHOUSE_LOG_GROUP_NAME}", options["awslogs-group"])
        for field in ("cpu", "memory", "assignPublicIp", "remoteFSRoot"):
            self.assertIn(field, self.template)
        self.assertEqual(0, self.casc["jenkins"]["numExecutors"], "nothing builds on the controller")

    def test_values_come_from_the_agents_stack_outputs(self):
        with open(AGENTS_TEMPLATE, encoding="utf-8") as handle:
            outputs = yaml.load(handle, Loader=_CfnLoader)["Outputs"]  # noqa: S506 - SafeLoader subclass
        for output, (where, field) in CASC_FIELDS_BY_OUTPUT.items():
            with self.subTest(output=output):
                self.assertIn(output, outputs)
                holder = {"cloud": self.cloud, "template": self.template, "environments": self.environments}[where]
                self.assertIn("${" + env_name(output) + "}", holder[field])
                self.assertIn(f"({env_name(output)})", outputs[output]["Description"])

    def test_every_variable_is_a_stack_output_or_a_documented_operator_setting(self):
        text = read(CASC)
        used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)(?::-[^}]*)?\}", text))
        from_outputs = {env_name(output) for output in CASC_FIELDS_BY_OUTPUT} | {"BAKEHOUSE_LOG_GROUP_NAME"}
        self.assertEqual(set(), used - from_outputs - OPERATOR_VARIABLES)
        header = text.split("\njenkins:", 1)[0]
        for name in used:
            self.assertIn(name, header, f"{name} is not documented at the top of casc.yaml")

    def test_credentials_and_passwords_are_never_literal(self):
        secrets = []

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in ("password", "secret", "token", "privateKey") and isinstance(value, str):
                        secrets.append(value)
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.casc)
        self.assertGreaterEqual(len(secrets), 3)
        for value in secrets:
            self.assertRegex(value, r"^\$\{[A-Z_][A-Z0-9_]*\}$")

    def test_shared_library_is_registered_as_bakehouse(self):
        [library] = self.casc["unclassified"]["globalLibraries"]["libraries"]
        self.assertEqual("bakehouse", library["name"])
        self.assertEqual("${BAKEHOUSE_GIT_URL}", library["retriever"]["modernSCM"]["scm"]["git"]["remote"])
        credential_ids = {
            next(iter(entry.values()))["id"] for entry in self.casc["credentials"]["system"]["domainCredentials"][0]["credentials"]
        }
        self.assertIn(library["retriever"]["modernSCM"]["scm"]["git"]["credentialsId"], credential_ids)

    def test_pipeline_job_builds_every_branch_on_github_pushes(self):
        [job] = self.casc["jobs"]
        script = job["script"]
        self.assertIn("pipelineJob('bakehouse/pipeline')", script)
        self.assertIn("githubPush()", script)
        self.assertIn("pollSCM", script)
        # every branch builds and bakes; the Jenkinsfile publishes and deploys master only
        self.assertIn("branch('**')", script)
        self.assertIn("url('${BAKEHOUSE_GIT_URL}')", script)
        self.assertIn("scriptPath('Jenkinsfile')", script)

    def test_prod_external_id_is_a_credential_of_the_jobs_folder_only(self):
        [job] = self.casc["jobs"]
        script = job["script"]
        folder = script.index("folder('bakehouse')")
        credential = script.index("id('bakehouse-prod-external-id')")
        self.assertLess(folder, credential)
        self.assertLess(credential, script.index("pipelineJob("), "the credential belongs to the folder, not the system")
        self.assertIn("secret('${BAKEHOUSE_PROD_EXTERNAL_ID}')", script)
        system_ids = {
            next(iter(entry.values()))["id"] for entry in self.casc["credentials"]["system"]["domainCredentials"][0]["credentials"]
        }
        self.assertNotIn("bakehouse-prod-external-id", system_ids)
        self.assertIn("credentialsId: 'bakehouse-prod-external-id'", read(os.path.join(JENKINS_DOCKER, "..", "Jenkinsfile")))

    def test_plugins_are_pinned_and_cover_the_configuration(self):
        lines = [line.strip() for line in read(PLUGINS).splitlines() if line.strip() and not line.startswith("#")]
        for line in lines:
            self.assertRegex(line, r"^[a-z0-9][a-z0-9_-]*:[0-9][A-Za-z0-9._-]*$")
        ids = [line.split(":")[0] for line in lines]
        self.assertEqual(len(ids), len(set(ids)), "a plugin is listed twice")
        self.assertLessEqual(
            {"configuration-as-code", "job-dsl", "amazon-ecs", "workflow-aggregator", "pipeline-groovy-lib", "git",
             "github", "credentials", "pipeline-utility-steps", "pipeline-stage-view"},
            set(ids),
        )
        self.assertIn(".hpi", read(PLUGINS), "plugins.txt says where the Bakehouse plugin comes from")


class BuildScriptTest(unittest.TestCase):
    uri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/bakehouse/jenkins-agent"
    checksum = "0123456789abcdef" * 4

    def setUp(self):
        self.repo = tempfile.mkdtemp(prefix="agent build ")
        self.addCleanup(shutil.rmtree, self.repo)
        agent = os.path.join(self.repo, "jenkins-docker", "agent")
        os.makedirs(agent)
        for name in ("build.sh", "Dockerfile"):
            shutil.copy2(os.path.join(JENKINS_DOCKER, "agent", name), agent)
        self.git("init", "-q")
        self.git("add", ".")
        self.git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "agent")
        self.commit = self.git("rev-parse", "HEAD").strip()

    def git(self, *args):
        return subprocess.run(["git", "-C", self.repo, *args], check=True, capture_output=True, text=True).stdout

    def build(self, *args, env=None):
        script = os.path.join(self.repo, "jenkins-docker", "agent", "build.sh")
        environment = {k: v for k, v in os.environ.items() if k not in ("AWSCLI_SHA256", "BAKEHOUSE_AGENT_REPOSITORY_URI")}
        environment.update(env or {})
        return subprocess.run([script, *args], capture_output=True, text=True, env=environment, timeout=60, check=False)

    def test_dry_run_prints_build_login_and_push_with_the_commit_tag(self):
        result = self.build("--repository-uri", self.uri, "--awscli-sha256", self.checksum, "--dry-run")
        self.assertEqual(0, result.returncode, result.stderr)
        image = f"{self.uri}:{self.commit[:12]}"
        dockerfile = os.path.join(self.repo, "jenkins-docker", "agent", "Dockerfile").replace(" ", "\\ ")
        self.assertEqual(
            [
                f"docker build --platform linux/amd64 --file {dockerfile} --build-arg AWSCLI_SHA256={self.checksum} "
                f"--label org.opencontainers.image.revision={self.commit} --label org.opencontainers.image.source=bakehouse "
                f"--tag {image} {self.repo.replace(' ', chr(92) + ' ')}",
                "aws ecr get-login-password --region eu-west-1  | docker login --username AWS --password-stdin "
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                f"docker push {image}",
            ],
            [line.rstrip() for line in result.stdout.splitlines()],
        )

    def test_settings_can_come_from_the_environment_and_push_can_be_skipped(self):
        result = self.build(
            "--dry-run", "--no-push", "--tag", "rc-1",
            env={"BAKEHOUSE_AGENT_REPOSITORY_URI": self.uri, "AWSCLI_SHA256": self.checksum},
        )
        self.assertEqual(0, result.returncode, result.stderr)
        [line] = result.stdout.splitlines()
        self.assertTrue(line.startswith("docker build "), line)
        self.assertIn(f"--tag {self.uri}:rc-1 ", line)

    def test_uncommitted_changes_are_refused(self):
        with open(os.path.join(self.repo, "extra.txt"), "w", encoding="utf-8") as handle:
            handle.write("not committed\n")
        result = self.build("--repository-uri", self.uri, "--awscli-sha256", self.checksum, "--dry-run")
        self.assertEqual(2, result.returncode)
        self.assertIn("uncommitted changes", result.stderr)
        self.assertEqual("", result.stdout)

    def test_bad_input_gets_one_line_errors(self):
        cases = {
            ("--awscli-sha256", "0" * 64): "--repository-uri (or BAKEHOUSE_AGENT_REPOSITORY_URI) is required",
            ("--repository-uri", "docker.io/bakehouse", "--awscli-sha256", "0" * 64): "must look like ACCOUNT.dkr.ecr.REGION",
            ("--repository-uri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/a"): "--awscli-sha256 (or AWSCLI_SHA256) must be",
            ("--bogus",): "unknown argument '--bogus'",
        }
        for args, message in cases.items():
            with self.subTest(args=args):
                result = self.build(*args, "--dry-run")
                self.assertEqual(2, result.returncode)
                [line] = result.stderr.splitlines()
                self.assertTrue(line.startswith("error: ") and message in line, line)

    def test_a_real_build_needs_docker(self):
        result = self.build(
            "--repository-uri", self.uri, "--awscli-sha256", self.checksum, env={"PATH": "/usr/bin:/bin"}
        )
        if shutil.which("docker", path="/usr/bin:/bin"):
            self.fail("this check needs a PATH without docker; /usr/bin or /bin holds one")
        self.assertEqual(2, result.returncode)
        self.assertIn("error: docker not found", result.stderr)

    def test_help(self):
        result = self.build("--help")
        self.assertEqual(0, result.returncode)
        for option in ("--repository-uri", "--awscli-sha256", "--region", "--tag", "--no-push", "--dry-run"):
            self.assertIn(option, result.stdout)


if __name__ == "__main__":
    unittest.main()

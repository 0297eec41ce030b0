# Bakehouse: `make demo` runs the whole pipeline against a local AWS emulator;
# `make test` sets up a fresh machine and runs every test and linter.
SHELL := /bin/bash
MVN ?= mvn -B -ntp -Dstyle.color=never

.PHONY: test setup build java-test launcher-test app-test packer-test infra-test deploy-runner-test lint-shell clean demo demo-test readme-test docs-test contract

test: setup java-test launcher-test app-test packer-test infra-test deploy-runner-test demo-test docs-test readme-test lint-shell

# The pipeline (build, bake, publish, deploy, smoke job, roll forward, roll back, the front end,
# the container path with a failed rollout rolled back) against moto.
demo:
	@scripts/demo.sh

# The demo end to end, checked; uses the CLI jar `java-test` built (builds it if missing).
demo-test:
	scripts/test-demo.sh

# The example blocks of README.md and docs/, run as written on a clean copy (loopback only); see docs/development.md.
readme-test:
	scripts/test-readme.sh

# Every relative link and #anchor of every Markdown file resolves (external links are listed,
# never fetched); then the tests of the checker (broken links among them) and of readme-test's markers.
docs-test:
	scripts/check-links.py
	python3 -m unittest discover -s scripts/tests -t scripts/tests

setup:
	@scripts/setup.sh

build: setup
	$(MVN) -q -DskipTests package

# Rewrites the committed files made from the step contract (engine/src/main/resources/io/bakehouse/engine/contract/):
# vars/*.groovy and *.txt, src/io/bakehouse/library/StepTable.groovy, the tables of docs/steps.md (docs/contract.md).
contract:
	$(MVN) -q -pl build-support/contract -am -Pcontract process-classes

java-test:
	$(MVN) verify
	@cat engine/target/gatekeeper-fuzz.txt
	@cat engine/target/fault-matrix.txt

# bin/bakehouse's AppCDS archive handling; needs the jar java-test packaged.
launcher-test:
	scripts/test-launcher.sh

app-test:
	$(MAKE) -C app test lint-docker

packer-test:
	packer/test.sh

infra-test:
	cloudformation/test.sh
	jenkins-docker/test.sh
	cd/test.sh

lint-shell:
	shellcheck bin/bakehouse scripts/*.sh bench/*.sh .ci/run \
	  engine/src/test/resources/io/bakehouse/engine/packer/recorded/record.sh
	shellcheck --shell=sh resources/io/bakehouse/library/run-bakehouse.sh

# The deploy runner's trigger scripts (run for real: git, terraform, packer) and its stack.
deploy-runner-test:
	@command -v terraform >/dev/null || { echo "terraform is needed by the deploy runner script tests (https://developer.hashicorp.com/terraform/install)" >&2; exit 1; }
	shellcheck -x -P SCRIPTDIR jenkins-docker/deploy-runner/scripts/* jenkins-docker/deploy-runner/tests/*.sh
	@[ -f cli/target/bakehouse.jar ] || $(MVN) -q -pl cli -am package -DskipTests
	jenkins-docker/deploy-runner/tests/run-tests.sh
	cfn-lint cloudformation/deploy-runner.yaml

clean:
	$(MVN) -q clean

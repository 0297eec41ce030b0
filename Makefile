# Bakehouse: `make test` sets up a fresh machine and runs every test and linter.
SHELL := /bin/bash
MVN ?= mvn -B -ntp

.PHONY: test setup build java-test lint-shell deploy-runner-test clean

test: setup java-test lint-shell deploy-runner-test

setup:
	@scripts/setup.sh

build: setup
	$(MVN) -q -DskipTests install

java-test:
	$(MVN) verify

lint-shell:
	shellcheck bin/bakehouse scripts/*.sh .ci/run

# The deploy runner's trigger scripts (run for real: git, terraform, packer) and its stack.
deploy-runner-test:
	@command -v terraform >/dev/null || { echo "terraform is needed by the deploy runner script tests (https://developer.hashicorp.com/terraform/install)" >&2; exit 1; }
	shellcheck -x -P SCRIPTDIR jenkins-docker/deploy-runner/scripts/* jenkins-docker/deploy-runner/tests/*.sh
	jenkins-docker/deploy-runner/tests/run-tests.sh
	cfn-lint cloudformation/deploy-runner.yaml

clean:
	$(MVN) -q clean

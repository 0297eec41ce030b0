# Bakehouse: `make test` sets up a fresh machine and runs every test and linter.
SHELL := /bin/bash
MVN ?= mvn -B -ntp

.PHONY: test setup build java-test lint-shell clean

test: setup java-test lint-shell

setup:
	@scripts/setup.sh

build: setup
	$(MVN) -q -DskipTests install

java-test:
	$(MVN) verify

lint-shell:
	shellcheck bin/bakehouse scripts/*.sh .ci/run bench/*.sh

clean:
	$(MVN) -q clean

"""Tests of scripts/test-readme.sh --list: the readme-test markers are checked in every file it
reads, README.md and docs pages alike, and the blocks are listed in the order they would run."""

import os
import subprocess
import tempfile
import textwrap
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test-readme.sh")


class ReadmeMarkersTest(unittest.TestCase):

    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="readme-markers-test.")
        self.dir = self._dir.name

    def tearDown(self):
        self._dir.cleanup()

    def page(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))
        return path

    def list_blocks(self, *files):
        return subprocess.run(["bash", SCRIPT, "--list", *files], capture_output=True, text=True, timeout=60)

    def test_markedBlocksOfSeveralFiles_areListedInFileOrder(self):
        readme = self.page("README.md", """\
            # Project

            <!-- readme-test: run -->
            ```sh
            make build
            ```
            """)
        step = self.page("docs/steps/step.md", """\
            # A step

            <!-- readme-test: skip needs an AWS account -->
            ```sh
            bin/tool deploy
            ```

            ```text
            output
            ```
            """)
        result = self.list_blocks(readme, step)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(["run  - %s:4 (sh)" % readme, "skip - %s:4 (sh): needs an AWS account" % step],
                         result.stdout.splitlines())

    def test_unmarkedShellBlockInADocsPage_fails_namingThePageAndLine(self):
        readme = self.page("README.md", "<!-- readme-test: run -->\n```sh\ntrue\n```\n")
        step = self.page("docs/steps/step.md", """\
            # A step

            ```bash
            bin/tool run
            ```

            <!-- readme-test: run -->
            ```yaml
            key: value
            ```

            ```
            no language
            ```
            """)
        result = self.list_blocks(readme, step)
        self.assertEqual(1, result.returncode)
        self.assertIn("%s:3: a ```bash block without a readme-test marker" % step, result.stderr)
        self.assertIn("%s:7: a readme-test marker before a ```yaml block" % step, result.stderr)
        self.assertIn("%s:12: a fenced block without a language" % step, result.stderr)
        self.assertIn("readme-test: 3 problem(s) with the example blocks", result.stderr)
        self.assertEqual("", result.stdout)

    def test_noBlockMarkedToRun_fails(self):
        page = self.page("docs/page.md", "<!-- readme-test: skip no emulator for this -->\n```sh\nbin/tool\n```\n")
        result = self.list_blocks(page)
        self.assertEqual(1, result.returncode)
        self.assertIn("no block is marked <!-- readme-test: run -->", result.stderr)


if __name__ == "__main__":
    unittest.main()

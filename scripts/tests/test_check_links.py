"""Tests of scripts/check-links.py: GitHub's heading slugs, and the script run on small
repositories made for each test, with links that resolve and links that do not."""

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "check-links.py")
_spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
check_links = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_links)


def anchor(heading):
    return check_links.slug(check_links.rendered_text(heading))


class SlugTest(unittest.TestCase):
    """Headings of this repository, with the anchors GitHub gives them."""

    def test_codeAndDashes_keepTheHyphensAroundARemovedDash(self):
        self.assertEqual("cfndeploy--bakehouse-cfn-deploy", anchor("cfnDeploy — `bakehouse cfn-deploy`"))
        self.assertEqual("ecsdeployrunner--bakehouse-ecs-run-options----container-script-args",
                         anchor("ecsDeployRunner — `bakehouse ecs-run [options] -- CONTAINER SCRIPT ARGS...`"))

    def test_punctuation_isDroppedAndUnderscoresKept(self):
        self.assertEqual("operators-guide-deploy-the-agents-stack", anchor("Operator's guide: deploy the agents stack"))
        self.assertEqual("packer-versions-16x-and-19", anchor("Packer versions: 1.6.x and 1.9+"))
        self.assertEqual("bakehouse_cds0-and-the-cache", anchor("`BAKEHOUSE_CDS=0` and the cache"))
        self.assertEqual("the-pipeline-jenkinsfile", anchor("The pipeline (`Jenkinsfile`)"))

    def test_renderedText_dropsLinkTargetsEmphasisAndTags(self):
        self.assertEqual("see-the-guide-now", anchor("See [the guide](docs/x.md) *now*"))
        self.assertEqual("a-b", anchor("<code>a</code> __b__"))
        self.assertEqual("café-größe", anchor("Café Größe"))


class CheckLinksScriptTest(unittest.TestCase):
    """The script itself, on a git repository of a few files."""

    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="check-links-test.")
        self.root = self._dir.name
        subprocess.run(["git", "init", "-q", self.root], check=True)
        self.write(".gitignore", "target/\n")
        self.write("docs/guide.md", """\
            # The guide

            ## Steps — `bakehouse run`

            ## Steps — `bakehouse run`

            Other heading
            -------------

            <a name="kept-anchor"></a>
            Back to [the top](../README.md#the-project) and [here](#steps--bakehouse-run-1).
            """)
        self.write("tool.sh", "one\ntwo\nthree\n")

    def tearDown(self):
        self._dir.cleanup()

    def write(self, name, text):
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))

    def run_script(self, *files):
        return subprocess.run([sys.executable, SCRIPT, "--root", self.root, *files],
                              capture_output=True, text=True, timeout=60)

    def readme(self, body):
        self.write("README.md", "# The project\n\n" + textwrap.dedent(body))

    def test_linksThatResolve_pass(self):
        self.readme("""\
            The [guide](docs/guide.md), its [steps](docs/guide.md#steps--bakehouse-run), the
            [second ones](docs/guide.md#steps--bakehouse-run-1), a [setext heading](docs/guide.md#other-heading),
            an [HTML anchor](docs/guide.md#kept-anchor), [this file](#the-project), the [docs](docs/)
            folder, [lines 2 to 3](tool.sh#L2-L3), a ![picture](docs/guide.md "title") and a [reference][ref].

            [ref]: <docs/guide.md#the-guide>
            """)
        result = self.run_script()
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("check-links: 2 file(s): 10 relative link(s), 9 anchor(s), 0 external link(s)", result.stdout)

    def test_codeIsNotALink(self):
        self.readme("""\
            Not a link: `[x](missing.md)`, nor across a line break: ``[y](
            missing.md)``.

            ```sh
            echo "[z](missing.md#nowhere)"
            ```
            """)
        result = self.run_script(os.path.join(self.root, "README.md"))
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("0 relative link(s)", result.stdout)

    def test_missingFile_fails_namingFileLineAndTarget(self):
        self.readme("""\
            Fine: [guide](docs/guide.md).
            Broken: [old page](docs/moved.md).
            """)
        result = self.run_script()
        self.assertEqual(1, result.returncode)
        self.assertIn("broken: README.md:4: docs/moved.md: docs/moved.md does not exist", result.stderr)
        self.assertIn("; 1 broken", result.stderr)

    def test_missingAnchor_fails_inTheSameFileAndInAnother(self):
        self.readme("""\
            [Gone](#no-such-heading) and [renamed](docs/guide.md#steps-bakehouse-run).
            """)
        result = self.run_script()
        self.assertEqual(1, result.returncode)
        self.assertIn("README.md:3: #no-such-heading: no heading or <a name> in README.md gives the anchor "
                      "#no-such-heading", result.stderr)
        self.assertIn("README.md:3: docs/guide.md#steps-bakehouse-run: no heading or <a name> in docs/guide.md",
                      result.stderr)

    def test_brokenLinkInADocsPage_fails_withItsRelativePath(self):
        self.write("docs/guide.md", "# The guide\n\nSee [the app](app.yaml), which lives one level up.\n")
        self.write("app.yaml", "x: 1\n")
        self.readme("[Guide](docs/guide.md)\n")
        result = self.run_script()
        self.assertEqual(1, result.returncode)
        self.assertIn("docs/guide.md:3: app.yaml: docs/app.yaml does not exist", result.stderr)

    def test_ignoredFileOrOutsideTheRepositoryOrBadLine_fails(self):
        self.write("target/report.html", "<p>built</p>\n")
        self.readme("""\
            [Build output](target/report.html), [outside](../elsewhere.md), [line 9](tool.sh#L9),
            [a section of a script](tool.sh#usage).
            """)
        result = self.run_script()
        self.assertEqual(1, result.returncode)
        self.assertIn("target/report.html exists here but git does not keep it", result.stderr)
        self.assertIn("../elsewhere.md: leaves the repository", result.stderr)
        self.assertIn("tool.sh#L9: tool.sh has 3 lines", result.stderr)
        self.assertIn("tool.sh#usage: only #L<line> anchors can be checked", result.stderr)
        self.assertIn("; 4 broken", result.stderr)

    def test_externalLinks_areListedAndNeverFetched(self):
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            server.settimeout(0.5)
            url = "http://127.0.0.1:%d/page" % server.getsockname()[1]
            self.readme("""\
                A [served page](%s), <https://example.com/auto>, https://example.com/bare and
                [mail](mailto:someone@example.com).
                """ % url)
            result = self.run_script()
            with self.assertRaises(socket.timeout):
                server.accept()
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("external (not fetched): README.md:3: " + url, result.stdout)
        self.assertIn("external (not fetched): README.md:3: https://example.com/auto", result.stdout)
        self.assertIn("external (not fetched): README.md:3: https://example.com/bare", result.stdout)
        self.assertIn("external (not fetched): README.md:4: mailto:someone@example.com", result.stdout)
        self.assertIn("4 external link(s) listed, not fetched", result.stdout)


if __name__ == "__main__":
    unittest.main()

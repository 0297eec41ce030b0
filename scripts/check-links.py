#!/usr/bin/env python3
"""Checks the links of the repository's Markdown files (`make docs-test`, part of `make test`).

Every relative link and every #anchor in every *.md file git tracks (or would track) must
resolve the way GitHub resolves it: the target is a file or directory of the repository (one
that git would keep, not build output or another ignored file), and an anchor names a heading
of the target Markdown file (GitHub's heading slugs, numbered -1, -2, ... when repeated) or an
<a name=...>/<a id=...> in it; #L10 / #L10-L20 into any other file must be lines it has.
External links (http, https, mailto, ...) are listed with where they are and never fetched:
this script opens no connection. Links inside fenced code blocks and code spans are not links.

usage: scripts/check-links.py [--root DIR] [FILE.md ...]
  --root DIR  the repository (default: the one holding this script)
  FILE.md     check only these files (default: every *.md git tracks or would track under DIR)
Exit 0 when every link resolves, 1 when any does not (each printed as FILE:LINE: ...), 2 on
bad usage.
"""

import argparse
import html
import os
import re
import subprocess
import sys
import unicodedata
from urllib.parse import unquote

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
LINK_TEXT = r"(?:[^\[\]]|\[[^\[\]]*\])*"
INLINE_LINK = re.compile(
    r"(!?)\[(" + LINK_TEXT + r")\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>")
BARE_URL = re.compile(r"\bhttps?://[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'\"*_]")
HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
HTML_ANCHOR = re.compile(r"<a\b[^>]*?\b(?:name|id)\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
LINE_ANCHOR = re.compile(r"^L(\d+)(?:-L(\d+))?$")
MARKDOWN = (".md", ".markdown")


def slug(heading_text):
    """GitHub's anchor for a heading's rendered text: lower case, only letters, marks, digits,
    connector punctuation (such as _), spaces and hyphens kept, each space a hyphen."""
    kept = []
    for char in heading_text.lower():
        category = unicodedata.category(char)
        if char in " -" or category[0] in "LMN" or category == "Pc":
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def rendered_text(markdown):
    """A heading's text as GitHub renders it: link and image text without their targets, code
    without backticks, emphasis without its markers, no HTML tags, escapes and entities resolved."""
    text = re.sub(r"!?\[(" + LINK_TEXT + r")\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"!?\[(" + LINK_TEXT + r")\]\[[^\]]*\]", r"\1", text)
    spans = []

    def keep_code(match):
        spans.append(match.group(2))
        return "\0%d\0" % (len(spans) - 1)

    text = CODE_SPAN.sub(keep_code, text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*{1,3}|~~)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w\\])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)", r"\2", text)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    text = html.unescape(text)
    return re.sub("\0(\\d+)\0", lambda m: spans[int(m.group(1))], text)


def blank_out(text, match):
    """The text with the match replaced by spaces, line breaks kept, so offsets still map to lines."""
    start, end = match.span()
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


class MarkdownFile:
    """One Markdown file: its anchors, and its links with their line numbers."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            self.lines = handle.read().split("\n")
        self.anchors = set()
        self.links = []
        self._read()

    def _read(self):
        counts = {}
        prose = []
        fence = None
        previous = ""
        for number, line in enumerate(self.lines, 1):
            opening = FENCE.match(line)
            if fence:
                if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                        and not line.strip().strip(fence[0]):
                    fence = None
                prose.append("")
                previous = ""
                continue
            if opening:
                fence = opening.group(1)
                prose.append("")
                previous = ""
                continue
            heading = ATX_HEADING.match(line)
            underline = SETEXT_UNDERLINE.match(line)
            if heading:
                self._add_heading(re.sub(r"(?:^|[ \t]+)#+$", "", heading.group(2) or ""), counts)
            elif underline and previous.strip() and not previous.lstrip().startswith(("|", ">", "-", "*", "+")) \
                    and not re.match(r"^ {0,3}\d+[.)]\s", previous):
                self._add_heading(previous.strip(), counts)
            prose.append(line)
            previous = "" if heading or underline else line
        self._find_links("\n".join(prose))

    def _add_heading(self, text, counts):
        base = slug(rendered_text(text))
        anchor = base
        while anchor in self.anchors:
            counts[base] = counts.get(base, 0) + 1
            anchor = "%s-%d" % (base, counts[base])
        self.anchors.add(anchor)

    def _find_links(self, text):
        for match in HTML_ANCHOR.finditer(text):
            self.anchors.add(match.group(1)[1:-1])
        for match in list(CODE_SPAN.finditer(text)):
            text = blank_out(text, match)
        found = []
        for pattern, group in ((INLINE_LINK, 3), (REFERENCE_DEFINITION, 2), (AUTOLINK, 1), (HTML_LINK, 1)):
            for match in list(pattern.finditer(text)):
                target = match.group(group)
                if pattern is HTML_LINK or target.startswith("<"):
                    target = target[1:-1]
                if pattern is HTML_LINK:
                    target = html.unescape(target)
                found.append((match.start(), target))
                text = blank_out(text, match)
        for match in BARE_URL.finditer(text):
            found.append((match.start(), match.group(0)))
        for offset, target in sorted(found):
            self.links.append((text.count("\n", 0, offset) + 1, target))


class Repository:
    """The files a link may name: those git tracks or would track (or, outside git, every file)."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.files = self._list_files()
        self.directories = {""}
        for name in self.files:
            parent = os.path.dirname(name)
            while parent not in self.directories:
                self.directories.add(parent)
                parent = os.path.dirname(parent)
        self._markdown = {}

    def _list_files(self):
        try:
            listing = subprocess.run(
                ["git", "-C", self.root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                check=True, capture_output=True).stdout.decode("utf-8")
            names = [name for name in listing.split("\0") if name]
        except (OSError, subprocess.CalledProcessError):
            names = []
            for directory, subdirectories, files in os.walk(self.root):
                subdirectories[:] = [name for name in subdirectories if name != ".git"]
                names += [os.path.relpath(os.path.join(directory, name), self.root) for name in files]
        return {name for name in names if os.path.isfile(os.path.join(self.root, name))}

    def markdown_files(self):
        return sorted(name for name in self.files if name.lower().endswith(MARKDOWN))

    def markdown(self, name):
        if name not in self._markdown:
            self._markdown[name] = MarkdownFile(os.path.join(self.root, name))
        return self._markdown[name]

    def line_count(self, name):
        with open(os.path.join(self.root, name), encoding="utf-8", errors="replace") as handle:
            return sum(1 for _ in handle)


class Checker:
    def __init__(self, repository):
        self.repository = repository
        self.problems = []
        self.external = []
        self.relative = 0
        self.anchors = 0

    def check(self, name):
        for line, target in self.repository.markdown(name).links:
            problem = self._check_link(name, line, target)
            if problem:
                self.problems.append("%s:%d: %s: %s" % (name, line, target, problem))

    def _check_link(self, name, line, target):
        if SCHEME.match(target):
            self.external.append((name, line, target))
            return None
        path, _, fragment = target.partition("#")
        path = unquote(path)
        if not path and not fragment:
            return "an empty link"
        if path:
            self.relative += 1
            base = "" if path.startswith("/") else os.path.dirname(name)
            resolved = os.path.normpath(os.path.join(base, path.lstrip("/")))
            if resolved == ".":
                resolved = ""
            if resolved == ".." or resolved.startswith("../") or os.path.isabs(resolved):
                return "leaves the repository"
            if resolved not in self.repository.files and resolved not in self.repository.directories:
                if os.path.exists(os.path.join(self.repository.root, resolved)):
                    return "%s exists here but git does not keep it (ignored or build output)" % resolved
                return "%s does not exist" % resolved
        else:
            resolved = name
        if not fragment:
            return None
        self.anchors += 1
        fragment = unquote(fragment)
        if resolved in self.repository.directories:
            return "an anchor into a directory (%s)" % (resolved or ".")
        if resolved.lower().endswith(MARKDOWN):
            if fragment not in self.repository.markdown(resolved).anchors:
                return "no heading or <a name> in %s gives the anchor #%s" % (resolved, fragment)
            return None
        lines = LINE_ANCHOR.match(fragment)
        if not lines:
            return "only #L<line> anchors can be checked in %s, which is not Markdown" % resolved
        count = self.repository.line_count(resolved)
        if max(int(lines.group(1)), int(lines.group(2) or 0)) > count:
            return "%s has %d lines" % (resolved, count)
        return None


def main(argv):
    parser = argparse.ArgumentParser(
        prog="check-links.py", description="Check every relative link and #anchor of the repository's Markdown files.")
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    parser.add_argument("files", nargs="*", metavar="FILE.md")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.root):
        parser.error("--root %s is not a directory" % args.root)
    repository = Repository(args.root)
    names = []
    for given in args.files:
        name = os.path.relpath(os.path.realpath(given), repository.root)
        if name.startswith("..") or not os.path.isfile(os.path.join(repository.root, name)):
            parser.error("%s is not a file in %s" % (given, repository.root))
        names.append(name)
    names = names or repository.markdown_files()
    if not names:
        print("check-links: no Markdown files under %s" % repository.root, file=sys.stderr)
        return 1
    checker = Checker(repository)
    for name in names:
        checker.check(name)
    for name, line, target in checker.external:
        print("external (not fetched): %s:%d: %s" % (name, line, target))
    for problem in checker.problems:
        print("broken: " + problem, file=sys.stderr)
    summary = "check-links: %d file(s): %d relative link(s), %d anchor(s), %d external link(s) listed, not fetched" % (
        len(names), checker.relative, checker.anchors, len(checker.external))
    if checker.problems:
        print("%s; %d broken" % (summary, len(checker.problems)), file=sys.stderr)
        return 1
    print(summary + "; all resolve")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

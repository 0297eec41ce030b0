#!/usr/bin/env bash
# Downloads the Jenkins distribution the plugin is built against and tested in: exactly the war
# and plugin versions of build-support/jenkins-dist/distribution.tsv, from the Jenkins project's
# download sites, into DIR (jenkins.war, plugins/*.jpi). Then build with BAKEHOUSE_JENKINS_DIST=DIR.
#   scripts/fetch-jenkins-dist.sh [DIR]      (default: ~/.cache/bakehouse/jenkins-dist)
# Every file is checked before it is kept: a 'same' row against the sha256 in the list; a
# 'rebuilt' row (the tested file was rebuilt from the same version's sources, so its bytes
# differ) against the .sha256 the download site publishes beside the file.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "fetch-jenkins-dist: $*" >&2; }
die() { echo "fetch-jenkins-dist: error: $*" >&2; exit 1; }

list=build-support/jenkins-dist/distribution.tsv
dir="${1:-$HOME/.cache/bakehouse/jenkins-dist}"
command -v curl >/dev/null || die "curl is needed (apt-get install curl)"
command -v sha256sum >/dev/null || die "sha256sum is needed (apt-get install coreutils)"
mkdir -p "$dir/plugins"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fetched=0
while IFS=$'\t' read -r file name version sha256 release url; do
  case "$file" in ''|'#'*) continue ;; esac
  target="$dir/$file"
  if [ -f "$target" ] && [ "$release" = same ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$sha256" ]; then
    continue
  fi
  say "$name $version"
  curl -fsSL --retry 3 -o "$tmp/file" "$url" || die "could not download $url"
  actual="$(sha256sum "$tmp/file" | cut -d' ' -f1)"
  if [ "$release" = same ]; then
    [ "$actual" = "$sha256" ] || die "$url: sha256 $actual, the list says $sha256"
  else
    published="$(curl -fsSL --retry 3 "$url.sha256" | cut -d' ' -f1)" \
      || die "$url: no published .sha256 to check it against"
    [ "$actual" = "$published" ] || die "$url: sha256 $actual, the site publishes $published"
  fi
  mv "$tmp/file" "$target"
  fetched=$((fetched + 1))
done < "$list"

say "$fetched files fetched into $dir; build with: BAKEHOUSE_JENKINS_DIST=$dir make test"

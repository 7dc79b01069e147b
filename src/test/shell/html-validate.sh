#!/usr/bin/env bash
# Validates the HTML of saved pages with html-validate (npm registry, version pinned below), the rules in
# src/test/shell/htmlvalidate.json: any error fails. PageMarkupTests saves every page of every reader under
# target/page-markup and runs this on it. Installs html-validate into target/html-validate once.
# Usage: src/test/shell/html-validate.sh [FOLDER]   (default target/page-markup; --install: only install)
# The rules are html-validate's recommended ones but for the style-only rules (what they find is valid HTML, as the
# W3C checker reads it): trailing whitespace (what Thymeleaf leaves of removed tags), `<input/>` (Thymeleaf writes
# its own hidden inputs so), `selected="selected"` (Thymeleaf's form fields), end tags the HTML standard lets a page
# omit (the folder listings leave out </td> and </tr> to stay small), ids with dots (Spring's indexed form fields,
# `leaders0.role`: valid HTML ids), titles over 70 characters (a document's title is the page's), and checkboxes
# of one name (a checkbox group is how HTML sends a list).
set -euo pipefail
cd "$(dirname "$0")/../../.."
folder=${1:-target/page-markup}
if ! command -v npm >/dev/null; then
  echo "html-validate: SKIPPED, npm is not installed." >&2
  exit 0
fi
tools=target/html-validate
if [ ! -x "$tools/node_modules/.bin/html-validate" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --silent --no-audit --no-fund html-validate@10.17.0 >/dev/null
fi
[ "$folder" != --install ] || exit 0
"$tools/node_modules/.bin/html-validate" --config src/test/shell/htmlvalidate.json --formatter text "$folder"

#!/usr/bin/env bash
# Fails with file:line for every C# source line, product and tests (services/**/*.cs, tests/**/*.cs), longer than
# .editorconfig's max_line_length: Roslyn does not enforce that setting, so CI does. Lengths are counted in characters
# (a UTF-8 locale for grep), not bytes: a line of Chinese text is three bytes a character. Generated code (obj/, bin/)
# and installed peers (node_modules/) are not checked.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
limit=$(sed -n 's/^max_line_length *= *\([0-9]*\).*/\1/p' .editorconfig | head -n 1)
if [ -z "$limit" ]; then
  echo "check-line-length: no max_line_length in .editorconfig" >&2
  exit 2
fi
folders=(services tests)
long=$(LC_ALL=C.UTF-8 grep -rnE --include='*.cs' --exclude-dir=obj --exclude-dir=bin --exclude-dir=node_modules \
  "^.{$((limit + 1))}" "${folders[@]}" | cut -d: -f1,2 || true)
if [ -n "$long" ]; then
  echo "$long" | sed 's/$/: longer than '"$limit"' characters/' >&2
  echo "Lines longer than $limit characters in services/ and tests/: $(echo "$long" | wc -l)." \
    "Wrap them (at argument commas or operators; split long strings into concatenated pieces)." >&2
  exit 1
fi
echo "Line lengths: every services/**/*.cs and tests/**/*.cs line within $limit characters."

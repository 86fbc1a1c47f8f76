#!/usr/bin/env bash
# Fails with file:line for every product source line (services/**/*.cs) longer than .editorconfig's max_line_length:
# Roslyn does not enforce that setting, so CI does. Lengths are counted in characters (a UTF-8 locale for grep), not
# bytes: a line of Chinese text is three bytes a character. Tests and generated code (obj/, bin/) are not checked.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
limit=$(sed -n 's/^max_line_length *= *\([0-9]*\).*/\1/p' .editorconfig | head -n 1)
if [ -z "$limit" ]; then
  echo "check-line-length: no max_line_length in .editorconfig" >&2
  exit 2
fi
long=$(LC_ALL=C.UTF-8 grep -rnE --include='*.cs' --exclude-dir=obj --exclude-dir=bin "^.{$((limit + 1))}" services \
  | cut -d: -f1,2 || true)
if [ -n "$long" ]; then
  echo "$long" | sed 's/$/: longer than '"$limit"' characters/' >&2
  echo "Lines longer than $limit characters in services/: $(echo "$long" | wc -l). Wrap them (at argument commas or operators)." >&2
  exit 1
fi
echo "Line lengths: every services/**/*.cs line within $limit characters."

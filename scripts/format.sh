#!/usr/bin/env bash
# The C++ sources in the repository's own style (.clang-format; Debian 12's clang-format 14).
#
#   scripts/format.sh           rewrites the files that differ
#   scripts/format.sh --check   changes nothing; lists the files that differ, with the
#                               first differences, and exits 1 if there are any (make test)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null 2>&1 || {
  echo "format: clang-format is missing (scripts/bootstrap.sh test installs it)" >&2
  exit 2
}
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if [ "${1:-}" != "--check" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
differ=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    differ=$((differ + 1))
    echo "format: $f differs from .clang-format:" >&2
    clang-format "$f" | diff -u "$f" - | sed -n '3,20p' >&2 || true
  fi
done
if [ "$differ" -gt 0 ]; then
  echo "format: $differ of ${#files[@]} files differ; scripts/format.sh rewrites them" >&2
  exit 1
fi
echo "format: ${#files[@]} C++ files as .clang-format says"

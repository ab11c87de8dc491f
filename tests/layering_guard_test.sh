#!/usr/bin/env bash
# Fails when a layer below the routes includes a routes/ header: domain/, store/, engagement/
# and validation/ own what data means and how it is stored; routes/ only parse, ask and answer
# (issue 17). First proves the guard itself catches a planted violation.
set -euo pipefail
src=${1:?usage: layering_guard_test.sh NATIVE_SERVER_SRC_DIR}

scan() { grep -rn 'include "routes/' "$@" --include='*.h' --include='*.cpp' || true; }

planted=$(mktemp -d)
trap 'rm -rf "$planted"' EXIT
printf '#include "routes/api_common.h"\n' > "$planted/bad.cpp"
if [ -z "$(scan "$planted")" ]; then echo "layering guard is broken: it missed a planted include"; exit 1; fi

dirs=()
for d in domain store engagement validation; do dirs+=("$src/$d"); done
hits=$(scan "${dirs[@]}")
if [ -n "$hits" ]; then
  echo "domain/, store/, engagement/ and validation/ must not include routes/ headers:"
  echo "$hits"
  exit 1
fi
echo "layering guard: no routes/ include below the routes ($(find "${dirs[@]}" -name '*.cpp' -o -name '*.h' | wc -l) files scanned)"

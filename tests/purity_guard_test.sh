#!/usr/bin/env bash
# Fails when core/ reaches for I/O, clocks, randomness, threads, Asio/Beast, SQLite or
# Emscripten. First proves the guard itself catches a planted violation.
set -euo pipefail
core_dir=${1:?usage: purity_guard_test.sh CORE_DIR}
pattern='#include *<(fstream|iostream|cstdio|stdio\.h|thread|mutex|random|filesystem|chrono|ctime|time\.h|sqlite3\.h|emscripten[^>]*|boost/(asio|beast)[^>]*|unistd\.h|sys/[^>]*)>|system_clock|steady_clock|high_resolution_clock|random_device|std::rand\(|\bgetenv\(|\bfopen\(|\btime\(nullptr\)'

scan() { grep -rnE "$pattern" "$1" --include='*.h' --include='*.hpp' --include='*.cpp' --include='*.cc' || true; }

planted=$(mktemp -d)
trap 'rm -rf "$planted"' EXIT
printf '#include <chrono>\nauto t = std::chrono::system_clock::now();\n' > "$planted/bad.cpp"
if [ -z "$(scan "$planted")" ]; then echo "purity guard is broken: it missed a planted clock"; exit 1; fi

hits=$(scan "$core_dir")
if [ -n "$hits" ]; then
  echo "core/ must stay pure (no I/O, clock, randomness, threads, Asio/Beast, SQLite, Emscripten):"
  echo "$hits"
  exit 1
fi
echo "purity guard: core/ is clean ($(find "$core_dir" -name '*.cpp' -o -name '*.h' | wc -l) files scanned)"

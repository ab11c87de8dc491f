#!/usr/bin/env bash
# Fails when a tracked C++ file differs from .clang-format (CONTRIBUTING: the style is enforced, not hoped for).
# Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.hpp' '*.cc' 2>/dev/null || find core native-server wasm cli tests bench -name '*.cpp' -o -name '*.h')
clang-format --dry-run -Werror "${files[@]}"
echo "format: ${#files[@]} C++ files match .clang-format"

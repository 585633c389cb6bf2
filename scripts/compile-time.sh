#!/usr/bin/env bash
# Compile time of the generated crate (debug profile), in a target folder of its own:
#   full: from nothing, dependencies included (once);
#   clean: the crate alone, its dependencies already built (median of 3);
#   incremental: after touching src/models.rs (median of 3).
# Usage: scripts/compile-time.sh [crate folder, default generated]
set -euo pipefail
cd "$(dirname "$0")/.."
crate_dir=${1:-generated}
manifest="$crate_dir/Cargo.toml"
package=$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1)
export CARGO_TARGET_DIR
CARGO_TARGET_DIR=$(mktemp -d)
trap 'rm -rf "$CARGO_TARGET_DIR"' EXIT

seconds() {
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.2f\n", ns / 1e9 }'
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

full=$(seconds cargo build --manifest-path "$manifest" -p "$package")
clean=() incremental=()
for _ in 1 2 3; do
    cargo clean --manifest-path "$manifest" -p "$package" > /dev/null 2>&1
    clean+=("$(seconds cargo build --manifest-path "$manifest" -p "$package")")
    touch "$crate_dir/src/models.rs"
    incremental+=("$(seconds cargo build --manifest-path "$manifest" -p "$package")")
done
echo "| crate | full build (with dependencies) | clean (crate only, median of 3) | incremental after touching models.rs (median of 3) |"
echo "| --- | ---: | ---: | ---: |"
echo "| $package | ${full} s | $(median "${clean[@]}") s (${clean[*]}) | $(median "${incremental[@]}") s (${incremental[*]}) |"

#!/usr/bin/env bash
# `cargo check` time and peak memory of a large generated crate (GitHub's REST API by default),
# the crate alone (its dependencies checked first, incremental compilation off), with the default
# features, with every feature and with only the features named on the command line, one run each.
# Usage: scripts/check-large-crate.sh [crate folder] [feature...]
#   With no crate folder, generates tests/corpus/16_github-rest.json.gz into a temporary one.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
crate_dir=${1:-}
shift || true
features=("$@")
if [ -z "$crate_dir" ]; then
    crate_dir="$work/github"
    zcat tests/corpus/16_github-rest.json.gz > "$work/github.json"
    cargo xtask codegen --spec "$work/github.json" --out "$crate_dir" --crate-name github > /dev/null
    [ ${#features[@]} -gt 0 ] || features=(repos issues)
fi
manifest="$crate_dir/Cargo.toml"
package=$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1)
export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0

# The dependencies, once, those of every feature included (`measure` cleans the crate itself).
cargo check --manifest-path "$manifest" --all-features > /dev/null 2>&1

# Seconds and peak resident memory (GiB) of checking the crate alone with `$@` as options.
measure() {
    cargo clean --manifest-path "$manifest" -p "$package" > /dev/null 2>&1
    /usr/bin/time -f '%e %M' -o "$work/time" cargo check --manifest-path "$manifest" "$@" > /dev/null 2>&1
    awk '{ printf "%.1f s | %.2f GiB\n", $1, $2 / 1048576 }' "$work/time"
}

echo "| crate | features | check time | peak memory |"
echo "| --- | --- | ---: | ---: |"
echo "| $package | default | $(measure) |"
if grep -q '^\[features\]' "$manifest"; then
    echo "| $package | every feature (\`--all-features\`) | $(measure --all-features) |"
fi
if grep -q '^default = ' "$manifest"; then
    for feature in "${features[@]}"; do
        echo "| $package | \`$feature\` only | $(measure --no-default-features --features "$feature") |"
    done
fi

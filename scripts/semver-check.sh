#!/usr/bin/env bash
# Confirms the change report against cargo-semver-checks: for each kind of spec change
# (scripts/semver/cases.py), generates the crate before and after, asks `cargo xtask diff` for
# its verdict and cargo-semver-checks whether the new crate is a compatible (minor) release of
# the old one, and prints one table row per case. Outside the test run: it installs
# cargo-semver-checks from crates.io and builds rustdoc for two crates per case (minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo-semver-checks >/dev/null || cargo install cargo-semver-checks --locked
python3 -c 'import yaml' 2>/dev/null || pip install pyyaml

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/specs"
cp spec/connector.yaml "$work/specs/base.yaml"
cases=$(python3 scripts/semver/cases.py spec/connector.yaml "$work/specs")
# One build of the generator for the whole run.
cargo build --quiet --package xtask --target-dir "$work/xtask"
xtask="$work/xtask/debug/xtask"

generate() { # spec, out
    "$xtask" codegen --spec "$1" --out "$2" --crate-name semver-probe >/dev/null
    # A standalone package, not a member of this workspace.
    printf '\n[workspace]\n' >>"$2/Cargo.toml"
}

generate "$work/specs/base.yaml" "$work/old"
echo "| change | \`cargo xtask diff\` | cargo-semver-checks |"
echo "| --- | --- | --- |"
for case in $cases; do
    rm -rf "$work/new"
    generate "$work/specs/$case.yaml" "$work/new"
    verdict=$("$xtask" diff "$work/specs/base.yaml" "$work/specs/$case.yaml" | tail -n 1)
    # One target folder for every rustdoc build, so the dependencies are documented once.
    if CARGO_TARGET_DIR="$work/target" cargo semver-checks check-release \
        --manifest-path "$work/new/Cargo.toml" --baseline-root "$work/old" \
        --release-type minor >"$work/$case.log" 2>&1; then
        checks="compatible"
    else
        checks="breaking: $(grep -m1 -oE '^--- failure [a-z_]+' "$work/$case.log" | sed 's/--- failure //' || echo 'see log')"
    fi
    echo "| ${case//_/ } | ${verdict#semver: } | $checks |"
done

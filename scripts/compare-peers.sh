#!/usr/bin/env bash
# Compare our generator (cargo xtask codegen) with two peers on spec/connector.yaml, in one run:
#   - progenitor       (cargo-progenitor from crates.io)
#   - openapi-generator (its `rust` generator, via the openapi-generator-cli package on PyPI)
#
# For each tool: (a) generation wall time, median of $GEN_RUNS runs into a fresh folder, with
# min-max; (b) non-empty lines in the *.rs files of the generated crate; (c) debug `cargo build`
# of the generated crate in its own CARGO_TARGET_DIR, $CLEAN_RUNS times from scratch ("clean incl.
# deps") and $COMPILE_RUNS times after `cargo clean -p <crate>` ("crate only"), median and min-max;
# (d) whether the generated types read the four documented examples in tests/fixtures/ with
# serde_json, and whether the two request examples survive a serialize round trip.
#
# Not part of `cargo test`; it writes nothing in the repository: every output (tools, generated
# crates, target folders, logs, report) goes under $PEERS_DIR (default /tmp/peers). Re-runnable:
# tools already installed there are reused, everything else is regenerated and rebuilt.
#
# usage: scripts/compare-peers.sh
# env:   PEERS_DIR=/tmp/peers GEN_RUNS=5 CLEAN_RUNS=3 COMPILE_RUNS=3
#        PROGENITOR_VERSION=0.15.1 OPENAPI_GENERATOR_CLI_VERSION=7.26.0
#        IDLE_MAX_BUSY=25 IDLE_WAIT=300: before each timed block, wait (at most IDLE_WAIT seconds
#        per block) until other processes keep the CPUs less than IDLE_MAX_BUSY % busy; the busy
#        share seen just before each block is printed with the figures.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HELPER=$ROOT/scripts/peer-check
OUT=${PEERS_DIR:-/tmp/peers}
GEN_RUNS=${GEN_RUNS:-5}
COMPILE_RUNS=${COMPILE_RUNS:-3}
CLEAN_RUNS=${CLEAN_RUNS:-3}
PROGENITOR_VERSION=${PROGENITOR_VERSION:-0.15.1}
OAG_VERSION=${OPENAPI_GENERATOR_CLI_VERSION:-7.26.0}
IDLE_MAX_BUSY=${IDLE_MAX_BUSY:-25}
IDLE_WAIT=${IDLE_WAIT:-300}
SPEC_REL=spec/connector.yaml
FIXTURES=$ROOT/tests/fixtures
LOGS=$OUT/logs
TOOLS=(ours progenitor openapi-generator)

mkdir -p "$OUT" "$LOGS"
# plain logs to grep, and a panic reported in a few lines rather than a backtrace
export CARGO_TERM_COLOR=never
export RUST_BACKTRACE=0

say() { printf '==> %s\n' "$*" >&2; }
now_ns() { date +%s%N; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
# median and min-max of the numbers given as arguments (nanoseconds), printed in seconds
stats() {
    printf '%s\n' "$@" | sort -n | awk -v digits="$STATS_DIGITS" '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "n/a"; exit }
            med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            fmt = "%." digits "f s (%." digits "f-%." digits "f, n=%d)"
            printf fmt, med / 1e9, v[1] / 1e9, v[NR] / 1e9, NR
        }'
}
# percentage of CPU time (all cores) spent busy over 2 seconds, from /proc/stat
cpu_busy() {
    local _c u n s i w q sq st total1 idle1 total2 idle2
    read -r _c u n s i w q sq st _ </proc/stat
    total1=$((u + n + s + i + w + q + sq + st)) idle1=$((i + w))
    sleep 2
    read -r _c u n s i w q sq st _ </proc/stat
    total2=$((u + n + s + i + w + q + sq + st)) idle2=$((i + w))
    echo $((100 * ((total2 - total1) - (idle2 - idle1)) / (total2 - total1 > 0 ? total2 - total1 : 1)))
}
# wait until the machine is quiet enough to time something; records what it saw in BUSY_SEEN
BUSY_SEEN=()
wait_idle() {
    local label=$1 busy deadline=$(($(date +%s) + IDLE_WAIT))
    busy=$(cpu_busy)
    while [ "$busy" -gt "$IDLE_MAX_BUSY" ] && [ "$(date +%s)" -lt "$deadline" ]; do
        say "waiting for a quiet machine before timing $label: CPUs ${busy}% busy"
        sleep 8
        busy=$(cpu_busy)
    done
    BUSY_SEEN+=("$label ${busy}%")
}
# `timed DIR LOG CMD...`: runs CMD in DIR (output appended to LOG) and sets T_RC, T_NS (wall
# clock) and T_OTHERS: the share of both cores, in %, that processes other than CMD and its
# children used meanwhile (from /proc/stat, minus CMD's user+sys time from /usr/bin/time).
CLK_TCK=$(getconf CLK_TCK)
stat_jiffies() {
    local _c u n s i w q sq st
    read -r _c u n s i w q sq st _ </proc/stat
    echo "$((u + n + s + q + sq)) $((u + n + s + i + w + q + sq))"
}
timed() {
    local dir=$1 log=$2 b1 t1 b2 t2 start end own
    shift 2
    read -r b1 t1 <<<"$(stat_jiffies)"
    start=$(now_ns)
    (cd "$dir" && exec /usr/bin/time -f '%U %S' -o "$OUT/.time" "$@") >>"$log" 2>&1
    T_RC=$?
    end=$(now_ns)
    read -r b2 t2 <<<"$(stat_jiffies)"
    T_NS=$((end - start))
    own=$(tail -n 1 "$OUT/.time" | awk -v hz="$CLK_TCK" '{ printf "%d", ($1 + $2) * hz }')
    # jiffies are 1/CLK_TCK s: under 1 s of both cores the share is noise, so it is not kept
    if [ $((t2 - t1)) -lt $((2 * CLK_TCK)) ]; then
        T_OTHERS=
        return 0
    fi
    T_OTHERS=$(((b2 - b1 - own) * 100 / (t2 - t1)))
    [ "$T_OTHERS" -lt 0 ] && T_OTHERS=0
    if [ -z "${OTHERS_MAX[$CURRENT_BLOCK]}" ] || [ "$T_OTHERS" -gt "${OTHERS_MAX[$CURRENT_BLOCK]}" ]; then
        OTHERS_MAX[$CURRENT_BLOCK]=$T_OTHERS
    fi
    return 0
}
declare -A OTHERS_MAX
BLOCKS=()
begin_block() {
    CURRENT_BLOCK=$1
    BLOCKS+=("$1")
    OTHERS_MAX[$1]=
    wait_idle "$1"
}
first_lines() { grep -v '^\s*$' "$1" | head -n "${2:-3}" | tr '\n' ' ' | sed 's/|/\\|/g; s/ *$//'; }

declare -A VERSION GEN_CMD GEN_OK GEN_TIME GEN_NOTE LOC LOC_SRC CRATE BUILD_FULL BUILD_CRATE BUILD_NOTE
declare -A TYPES STRIP DESER RESER DETAILS

# ---------------------------------------------------------------------------------------------
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "machine: $(nproc) cores, load average $LOAD_AT_START"
RUSTC_VERSION=$(rustc --version)
CARGO_VERSION=$(cargo --version)
JAVA_VERSION=$(java -version 2>&1 | head -n 1)
PY=$(command -v python3)

# --- ours: release build of xtask, in its own target folder ----------------------------------
say "ours: cargo build --release -p xtask (target: $OUT/xtask-target)"
if (cd "$ROOT" && CARGO_TARGET_DIR="$OUT/xtask-target" cargo build --release --locked -p xtask) \
    >"$LOGS/ours-xtask-build.log" 2>&1; then
    VERSION[ours]="mews-codegen @ $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(
        [ -n "$(git -C "$ROOT" status --porcelain -- generator xtask 2>/dev/null)" ] && echo ' (+ uncommitted changes)')"
    GEN_CMD[ours]="$OUT/xtask-target/release/xtask codegen --spec $SPEC_REL --out $OUT/ours --crate-name ours"
else
    VERSION[ours]="build of xtask failed"
    GEN_NOTE[ours]="xtask did not build: $(first_lines "$LOGS/ours-xtask-build.log" 3)"
fi

# --- progenitor: cargo install, pinned, reused when present -----------------------------------
PROG_BIN=$OUT/tools/bin/cargo-progenitor
if [ -x "$PROG_BIN" ] && cargo install --list --root "$OUT/tools" | grep -q "^cargo-progenitor v$PROGENITOR_VERSION:"; then
    say "progenitor: reusing $PROG_BIN"
else
    say "progenitor: cargo install cargo-progenitor --version $PROGENITOR_VERSION --locked (slow)"
    cargo install cargo-progenitor --version "$PROGENITOR_VERSION" --locked --root "$OUT/tools" \
        >"$LOGS/progenitor-install.log" 2>&1
fi
if [ -x "$PROG_BIN" ]; then
    VERSION[progenitor]=$(cargo install --list --root "$OUT/tools" | sed -n 's/^\(cargo-progenitor v[^:]*\):$/\1/p')
    GEN_CMD[progenitor]="$PROG_BIN progenitor -i $SPEC_REL -o $OUT/progenitor -n mews-progenitor -v 0.1.0"
else
    VERSION[progenitor]="cargo install failed"
    GEN_NOTE[progenitor]="install failed: $(tail -n 3 "$LOGS/progenitor-install.log" | tr '\n' ' ')"
fi

# --- openapi-generator: PyPI package in a venv (bundles the jar; needs java) --------------------
OAG_BIN=$OUT/venv/bin/openapi-generator-cli
if [ ! -x "$OUT/venv/bin/pip" ]; then
    "$PY" -m venv "$OUT/venv"
fi
if [ "$("$OUT/venv/bin/pip" show openapi-generator-cli 2>/dev/null | sed -n 's/^Version: //p')" != "$OAG_VERSION" ]; then
    say "openapi-generator: pip install openapi-generator-cli==$OAG_VERSION"
    "$OUT/venv/bin/pip" install -q "openapi-generator-cli==$OAG_VERSION" >"$LOGS/oag-install.log" 2>&1
else
    say "openapi-generator: reusing $OUT/venv"
fi
if [ -x "$OAG_BIN" ] && OAG_REPORTED=$("$OAG_BIN" version 2>"$LOGS/oag-version.log"); then
    VERSION[openapi-generator]="openapi-generator $OAG_REPORTED (PyPI openapi-generator-cli $OAG_VERSION, $JAVA_VERSION)"
    GEN_CMD[openapi-generator]="$OAG_BIN generate -g rust -i $SPEC_REL -o $OUT/openapi-generator"
else
    VERSION[openapi-generator]="not runnable"
    GEN_NOTE[openapi-generator]="$(first_lines "$LOGS/oag-version.log" 3) $(first_lines "$LOGS/oag-install.log" 3)"
fi

# ---------------------------------------------------------------------------------------------
# (a) generation: each run into a fresh (deleted) folder, from the repository root
STATS_DIGITS=3
for tool in "${TOOLS[@]}"; do
    GEN_OK[$tool]=no
    [ -n "${GEN_CMD[$tool]:-}" ] || continue
    say "$tool: generating $GEN_RUNS times: ${GEN_CMD[$tool]}"
    begin_block "$tool generation"
    times=()
    for run in $(seq 1 "$GEN_RUNS"); do
        rm -rf "${OUT:?}/$tool"
        : >"$LOGS/$tool-generate.log"
        # GEN_CMD is split on spaces: $PEERS_DIR must not contain any
        # shellcheck disable=SC2086
        timed "$ROOT" "$LOGS/$tool-generate.log" ${GEN_CMD[$tool]}
        if [ "$T_RC" -ne 0 ]; then
            GEN_NOTE[$tool]="generation failed (exit $T_RC after $(secs "$T_NS") s): $(first_lines "$LOGS/$tool-generate.log" 2)"
            break
        fi
        times+=("$T_NS")
    done
    if [ ${#times[@]} -eq "$GEN_RUNS" ] && [ -f "$OUT/$tool/Cargo.toml" ]; then
        GEN_OK[$tool]=yes
        GEN_TIME[$tool]=$(stats "${times[@]}")
    fi
done

# (b) lines: non-empty lines of every *.rs file of the generated crate (and of src/ alone)
count_lines() { find "$1" -name '*.rs' -not -path '*/target/*' -print0 | xargs -0 -r cat | grep -cv '^[[:space:]]*$'; }
for tool in "${TOOLS[@]}"; do
    [ "${GEN_OK[$tool]}" = yes ] || continue
    LOC[$tool]=$(count_lines "$OUT/$tool")
    LOC_SRC[$tool]=$(count_lines "$OUT/$tool/src")
    CRATE[$tool]=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$OUT/$tool/Cargo.toml" | head -n 1)
done

# (c) compile: debug `cargo build`, own target folder; dependencies are fetched first (untimed)
STATS_DIGITS=1
for tool in "${TOOLS[@]}"; do
    [ "${GEN_OK[$tool]}" = yes ] || continue
    dir=$OUT/$tool target=$OUT/target-$tool crate=${CRATE[$tool]}
    say "$tool: fetching dependencies of $crate"
    if ! (cd "$dir" && cargo generate-lockfile && cargo fetch) >"$LOGS/$tool-fetch.log" 2>&1; then
        BUILD_NOTE[$tool]="dependency resolution failed: $(first_lines "$LOGS/$tool-fetch.log" 2)"
        continue
    fi
    begin_block "$tool clean builds"
    times=()
    for run in $(seq 1 "$CLEAN_RUNS"); do
        say "$tool: clean build $run/$CLEAN_RUNS (including dependencies, after rm -rf of its target)"
        rm -rf "$target"
        : >"$LOGS/$tool-build-clean.log"
        timed "$dir" "$LOGS/$tool-build-clean.log" env CARGO_TARGET_DIR="$target" cargo build --frozen
        [ "$T_RC" -eq 0 ] || break
        times+=("$T_NS")
    done
    if [ "$T_RC" -ne 0 ]; then
        BUILD_NOTE[$tool]="cargo build failed: $(grep -m 2 -E '^error' "$LOGS/$tool-build-clean.log" | tr '\n' ' ')"
        continue
    fi
    BUILD_FULL[$tool]=$(stats "${times[@]}")
    BUILD_NOTE[$tool]="clean build compiles $(grep -c '^ *Compiling ' "$LOGS/$tool-build-clean.log") crates"
    begin_block "$tool crate-only builds"
    : >"$LOGS/$tool-build-crate.log"
    times=()
    for run in $(seq 1 "$COMPILE_RUNS"); do
        say "$tool: crate-only build $run/$COMPILE_RUNS (after cargo clean -p $crate)"
        (cd "$dir" && CARGO_TARGET_DIR=$target cargo clean --frozen -p "$crate") >>"$LOGS/$tool-build-crate.log" 2>&1
        timed "$dir" "$LOGS/$tool-build-crate.log" env CARGO_TARGET_DIR="$target" cargo build --frozen
        if [ "$T_RC" -ne 0 ]; then
            BUILD_NOTE[$tool]="crate-only cargo build failed (exit $T_RC), see $LOGS/$tool-build-crate.log"
            break
        fi
        times+=("$T_NS")
    done
    BUILD_CRATE[$tool]=$(stats "${times[@]}")
    warnings=$(grep -E -m 1 "^warning: \`$crate\` \(lib\) generated [0-9]+ warning" "$LOGS/$tool-build-clean.log")
    [ -n "$warnings" ] && BUILD_NOTE[$tool]="${BUILD_NOTE[$tool]:+${BUILD_NOTE[$tool]}; }build: ${warnings#warning: }"
done

# (d) documented examples: a throw-away crate per tool, depending on the generated crate by path
TYPES[ours]="peer::CustomerAddParameters peer::Customer peer::MultipleIdentityDocumentUpdateParameters peer::IdentityDocumentWriteResult"
TYPES[progenitor]="peer::types::CustomerAddParameters peer::types::Customer peer::types::MultipleIdentityDocumentUpdateParameters peer::types::IdentityDocumentWriteResult"
TYPES[openapi-generator]="peer::models::CustomerAddParameters peer::models::Customer peer::models::MultipleIdentityDocumentUpdateParameters peer::models::IdentityDocumentWriteResult"
STRIP[ours]=--strip-auth
FIXTURE_FILES=(customers_add_request.json customers_add_response.json identity_documents_update_request.json identity_documents_update_response.json)
for tool in "${TOOLS[@]}"; do
    [ -n "${BUILD_FULL[$tool]:-}" ] || continue
    check=$OUT/check-$tool
    rm -rf "$check"
    mkdir -p "$check/src"
    cat >"$check/Cargo.toml" <<EOF
[package]
name = "check-$tool"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
peer = { package = "${CRATE[$tool]}", path = "../$tool" }
serde = "1"
serde_json = "1"

[workspace]
EOF
    cp "$HELPER/main.rs" "$check/src/main.rs"
    read -r t1 t2 t3 t4 <<<"${TYPES[$tool]}"
    cat >"$check/src/types.rs" <<EOF
pub type CustomersAddRequest = $t1;
pub type CustomersAddResult = $t2;
pub type IdentityDocumentsUpdateRequest = $t3;
pub type IdentityDocumentsUpdateResult = $t4;
EOF
    say "$tool: reading the documented examples"
    if ! (cd "$check" && cargo generate-lockfile && cargo fetch && CARGO_TARGET_DIR=$OUT/target-$tool cargo build --frozen) \
        >"$LOGS/$tool-check-build.log" 2>&1; then
        DETAILS[$tool]="fixture checker did not compile: $(grep -m 3 -E '^error' "$LOGS/$tool-check-build.log" | tr '\n' ' ')"
        continue
    fi
    # shellcheck disable=SC2086 # an empty STRIP must give no argument
    "$OUT/target-$tool/debug/check-$tool" "$FIXTURES" ${STRIP[$tool]:-} >"$LOGS/$tool-check.out" 2>&1
    while IFS=$'\t' read -r kind file verdict detail; do
        case $kind in
            DESER) DESER[$tool/$file]=$verdict ;;
            RESER) RESER[$tool/$file]=$verdict ;;
            *) continue ;;
        esac
        [ -n "$detail" ] && DETAILS[$tool]+="- $file ($kind $verdict): $detail"$'\n'
    done <"$LOGS/$tool-check.out"
done

# ---------------------------------------------------------------------------------------------
cell() { printf '%s' "${1:-n/a}" | sed 's/|/\\|/g'; }
{
    echo
    echo "## Generator comparison on $SPEC_REL"
    echo
    echo "$(nproc) cores; $RUSTC_VERSION; $CARGO_VERSION; run $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start $LOAD_AT_START."
    echo
    echo "| tool | version | generation (median, min-max) | Rust lines (all *.rs / src) | clean debug build incl. deps (median, min-max) | crate-only debug build (median, min-max) |"
    echo "| --- | --- | --- | --- | --- | --- |"
    for tool in "${TOOLS[@]}"; do
        if [ "${GEN_OK[$tool]}" = yes ]; then
            gen=${GEN_TIME[$tool]}
            lines="${LOC[$tool]} / ${LOC_SRC[$tool]}"
        else
            gen="FAILED"
            lines="n/a"
        fi
        echo "| $tool | $(cell "${VERSION[$tool]}") | $(cell "$gen") | $lines | $(cell "${BUILD_FULL[$tool]:-}") | $(cell "${BUILD_CRATE[$tool]:-}") |"
    done
    echo
    echo "Documented examples (tests/fixtures): deserialize into the generated type; requests also re-serialized and compared with the example (ours: minus ClientToken/AccessToken/Client, which its client injects)."
    echo
    echo "| tool | customers/add request | customers/add request round trip | customers/add result | identityDocuments/update request | identityDocuments/update request round trip | identityDocuments/update result |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    for tool in "${TOOLS[@]}"; do
        row="| $tool"
        for file in "${FIXTURE_FILES[@]}"; do
            row+=" | ${DESER[$tool/$file]:-n/a}"
            case $file in *request.json) row+=" | ${RESER[$tool/$file]:-n/a}" ;; esac
        done
        echo "$row |"
    done
    echo
    echo "Notes:"
    for tool in "${TOOLS[@]}"; do
        [ -n "${GEN_NOTE[$tool]:-}" ] && echo "- $tool: $(cell "${GEN_NOTE[$tool]}")"
        [ -n "${BUILD_NOTE[$tool]:-}" ] && echo "- $tool: $(cell "${BUILD_NOTE[$tool]}")"
        if [ -n "${DETAILS[$tool]:-}" ]; then
            echo "- $tool, examples:"
            printf '%s' "${DETAILS[$tool]}" | sed 's/^/  /'
        fi
    done
    echo
    echo "Commands (from $ROOT; generation times are wall clock of the whole command, each run into a deleted folder):"
    for tool in "${TOOLS[@]}"; do
        [ -n "${GEN_CMD[$tool]:-}" ] && echo "- $tool: \`${GEN_CMD[$tool]}\`"
    done
    echo "- builds: \`cargo generate-lockfile && cargo fetch\` (untimed), then \`CARGO_TARGET_DIR=$OUT/target-TOOL cargo build --frozen\` in the crate's folder, $CLEAN_RUNS x after \`rm -rf\` of that target (clean incl. deps), then $COMPILE_RUNS x \`cargo clean -p CRATE\` + the same \`cargo build --frozen\` (crate only)"
    echo "- other sessions may share this machine; CPU busy (both cores) just before each timed block: $(printf '%s; ' "${BUSY_SEEN[@]}" | sed 's/; $//')"
    echo "- CPU used by other processes during the timed runs (max over the runs of a block, share of both cores): $(for b in "${BLOCKS[@]}"; do v=${OTHERS_MAX[$b]:+${OTHERS_MAX[$b]}%}; printf '%s %s; ' "$b" "${v:-n/a (runs under 1 s)}"; done | sed 's/; $//')"
    echo "- logs: $LOGS"
} | tee "$OUT/report.md"

#!/usr/bin/env bash
# precision.sh measures the precision of wglint on real code: it runs
# wglint standalone, with tests, over a corpus of concurrency-heavy
# open-source Go modules at pinned versions, and compares every finding
# with the triage record kept in the repository.
#
# Usage: scripts/precision.sh [OUTDIR]      (default OUTDIR: ./precision-out)
#
# Environment:
#   ONLY=REGEX     run only the modules whose path matches REGEX (grep -E);
#                  the verdicts of the other modules are then not checked
#   TIMEOUT=DUR    time limit of one wglint run, as for timeout(1) (default 20m)
#   MAXRSS_MB=N    kill a wglint run whose resident memory exceeds N MiB
#                  (default 8192)
#   WGLINT_ARGS=.. more arguments for wglint, for example
#                  -checks=all,lockorder,datarace to measure the experimental
#                  checks too
#
# Files (in scripts/precision/):
#   modules.txt    the corpus: one module a line, "MODULE VERSION PATTERN...";
#                  the patterns are package patterns relative to the module
#                  root (./... for the whole module)
#   verdicts.tsv   the triage record: one line per finding, tab-separated:
#                  MODULE@VERSION, FILE:LINE (relative to the module root),
#                  CHECK, VERDICT (bug, deliberate or false), and a one-line
#                  reason that names the interleaving or the path (one
#                  verdict covers the findings of one check on one line)
#   causes.md      the false alarms grouped by root cause, with reproductions
#
# For each module the script fetches MODULE@VERSION with
# `go mod download -json` through the go command and the Go module proxy,
# copies it to OUTDIR/src/ (writable: go.sum may need entries, so the go
# command runs with -mod=mod and GOWORK=off; replace directives that point
# to a directory, such as a multi-module repository's ../sibling, are
# dropped, since the module zip lacks those directories), builds the dependencies once
# (`go list -export -deps -test`, so that the timed run measures the
# analysis rather than the first compilation), counts the packages and lines
# of Go (the files of the packages matched, tests included), and runs
#   wglint -json PATTERN...
# under /usr/bin/time -v and `timeout $TIMEOUT`. Each finding is normalised
# to MODULE@VERSION<TAB>FILE:LINE<TAB>CHECK<TAB>MESSAGE (a package with tests
# is listed twice in the JSON, as pkg and pkg [pkg.test]; findings with the
# same position, check and message are counted once) and compared with
# verdicts.tsv: a finding with no verdict prints as UNTRIAGED, a verdict
# whose finding is gone (fixed, or moved to another line) as STALE. Then
# the script prints a table per module (packages, lines, findings, true,
# false, untriaged, wall time and peak RSS from /usr/bin/time) and the
# precision, true / (true + false) with true = bug + deliberate, overall
# and per check.
#
# OUTDIR gets src/MODULE (the copies, kept for triage), NAME.json,
# NAME.stderr, NAME.time, NAME.findings.tsv and NAME.errors per module,
# findings.tsv (all findings), stats.tsv and report.txt (what is printed).
#
# Exit status: 0 if every run finished; 1 if wglint crashed (a panic, a
# fatal error, an analyzer that panicked, an exit status other than 0 and
# 1, or killed for memory) or timed out on some module (each is named), or
# the verdict file is malformed. Load errors (exit status 1 of wglint -json)
# are reported but do not fail the script. UNTRIAGED and STALE lines do not
# change the exit status.
#
# Needs: bash, the go command (Go 1.26 or later), GNU time (/usr/bin/time),
# coreutils' timeout, procps' ps and pgrep. Nothing else: every module comes through
# the go command. Run it on a quiet machine: it runs one heavy wglint at a
# time.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=$repo/scripts/precision
out=${1:-$repo/precision-out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
timeout_d=${TIMEOUT:-20m}
maxrss_mb=${MAXRSS_MB:-8192}
only=${ONLY:-}
start=$SECONDS

log() { printf 'precision: %s\n' "$*" >&2; }

for tool in go /usr/bin/time timeout ps pgrep; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		log "$tool is missing"
		exit 1
	fi
done

bin=$out/bin
mkdir -p "$bin" "$out/src"
log "building wglint and precisiontool into $bin"
# The version is the one built, read now: the tree may change during the run.
built="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
(cd "$repo" && go build -o "$bin/wglint" ./cmd/wglint && go build -o "$bin/precisiontool" ./scripts/precisiontool)

# The go command outside any module, for go mod download.
empty=$(mktemp -d "${TMPDIR:-/tmp}/wglint-precision.XXXXXX")
trap 'rm -rf "$empty"' EXIT

goflags="${GOFLAGS:+$GOFLAGS }-mod=mod"

# descendants PID: the processes below PID, recursively.
descendants() {
	local child
	for child in $(pgrep -P "$1" 2>/dev/null); do
		echo "$child"
		descendants "$child"
	done
}

# watch PID FLAG: while PID (timeout, which runs time, which runs wglint)
# runs, kill any process below it whose resident memory exceeds maxrss_mb,
# and write its size to FLAG.
watch() {
	local pid=$1 flag=$2 rss child
	while kill -0 "$pid" 2>/dev/null; do
		for child in $(descendants "$pid"); do
			rss=$(ps -o rss= -p "$child" 2>/dev/null | tr -d ' ')
			if [ -n "$rss" ] && [ "$rss" -gt $((maxrss_mb * 1024)) ]; then
				echo "$((rss / 1024))" >"$flag"
				kill -KILL "$child" 2>/dev/null || true
			fi
		done
		sleep 1
	done
}

: >"$out/stats.tsv"
: >"$out/findings.tsv"
failures=()
while read -r mod ver patterns <&3; do
	case $mod in '' | '#'*) continue ;; esac
	if [ -n "$only" ] && ! grep -qE -- "$only" <<<"$mod"; then
		continue
	fi
	name=$(tr '/' '_' <<<"$mod")
	read -ra pats <<<"$patterns"
	log "$mod@$ver: fetching"
	dir=$(cd "$empty" && GOWORK=off GOFLAGS= go mod download -json "$mod@$ver" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
	if [ -z "$dir" ] || [ ! -d "$dir" ]; then
		log "$mod@$ver: go mod download gave no directory"
		failures+=("$mod@$ver: download failed")
		continue
	fi
	src=$out/src/$name
	if [ ! -f "$src/.precision-$ver" ]; then
		chmod -R u+w "$src" 2>/dev/null || true
		rm -rf "$src"
		cp -R "$dir" "$src"
		chmod -R u+w "$src"
		# A module of a multi-module repository may replace its siblings
		# with directories (replace x => ../x) that the module zip does
		# not have: drop those replacements, so that the required
		# versions come from the module proxy, as for any user.
		(cd "$src" && GOWORK=off GOFLAGS= go mod edit -json | "$bin/precisiontool" dirreplaces |
			while read -r old; do GOWORK=off GOFLAGS= go mod edit -dropreplace="$old"; done)
		touch "$src/.precision-$ver"
	fi
	log "$mod@$ver: building the dependencies (${pats[*]})"
	(cd "$src" && GOWORK=off GOFLAGS="$goflags" go list -e -export -deps -test "${pats[@]}" >/dev/null 2>"$out/$name.prep.stderr") || true
	size=$(cd "$src" && GOWORK=off GOFLAGS="$goflags" go list -e -json "${pats[@]}" 2>>"$out/$name.prep.stderr" |
		"$bin/precisiontool" size 2>"$out/$name.loaderrors") || size=$'?\t?'
	IFS=$'\t' read -r npkgs nlines <<<"$size"

	log "$mod@$ver: wglint -json ${pats[*]} ($npkgs packages, $nlines lines)"
	rm -f "$out/$name.memkill"
	code=0
	(cd "$src" && GOWORK=off GOFLAGS="$goflags" exec timeout -k 30s "$timeout_d" \
		/usr/bin/time -v -o "$out/$name.time" "$bin/wglint" -json ${WGLINT_ARGS:-} "${pats[@]}" \
		>"$out/$name.json" 2>"$out/$name.stderr") &
	runner=$!
	watch "$runner" "$out/$name.memkill" &
	watcher=$!
	wait "$runner" || code=$?
	wait "$watcher" 2>/dev/null || true

	wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/$name.time" 2>/dev/null || true)
	rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$out/$name.time" 2>/dev/null || true)
	status=ok
	if [ -f "$out/$name.memkill" ]; then
		status="killed: over $(cat "$out/$name.memkill") MiB"
	elif [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
		status="timeout after $timeout_d"
	elif grep -qE '^(panic: |fatal error: )|panicked on package' "$out/$name.stderr"; then
		status="crash: panic"
	elif [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
		status="crash: exit status $code"
	elif [ "$code" -eq 1 ]; then
		status="load errors"
	fi
	: >"$out/$name.findings.tsv"
	: >"$out/$name.errors"
	if [ -s "$out/$name.json" ]; then
		if ! "$bin/precisiontool" normalise -mod "$mod@$ver" -root "$src" -errors "$out/$name.errors" \
			<"$out/$name.json" >"$out/$name.findings.tsv"; then
			[ "$status" = ok ] && status="crash: unreadable -json output"
		fi
	fi
	if grep -q 'panicked' "$out/$name.errors"; then
		status="crash: panic"
	fi
	case $status in
	ok | "load errors") ;;
	*) failures+=("$mod@$ver: $status (see $out/$name.stderr)") ;;
	esac
	log "$mod@$ver: $status, $(wc -l <"$out/$name.findings.tsv") findings, ${wall:-?}, $((${rss:-0} / 1024)) MiB"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mod" "$ver" "$npkgs" "$nlines" "${wall:-?}" "${rss:-?}" "$status" >>"$out/stats.tsv"
	cat "$out/$name.findings.tsv" >>"$out/findings.tsv"
done 3<"$data/modules.txt" </dev/null

sort -o "$out/findings.tsv" "$out/findings.tsv"
report_status=0
{
	go version
	echo "wglint at $built"
	echo
	"$bin/precisiontool" report -verdicts "$data/verdicts.tsv" -findings "$out/findings.tsv" -stats "$out/stats.tsv" || report_status=$?
	echo
	for f in "${failures[@]}"; do
		echo "FAIL: $f"
	done
	echo "total time: $((SECONDS - start))s"
} >"$out/report.txt"
cat "$out/report.txt"
if [ "${#failures[@]}" -gt 0 ] || [ "$report_status" -ne 0 ]; then
	exit 1
fi

#!/usr/bin/env bash
# modcache.sh runs standalone wglint over every module in the Go module
# cache, one module at a time, and reports the runs that crashed: a Go
# panic or fatal error, an exit code other than 0, 1 and 3, or (reported
# separately) a run killed by the time limit.
#
# Usage: scripts/modcache.sh [OUTDIR]      (default OUTDIR: ./modcache-out)
#
# Environment:
#   TIMEOUT=S   seconds per module before the run is killed (default 300)
#   LIMIT=N     only the first N modules, in sorted order (default: all)
#
# Each module is copied to a temporary directory (the module cache is
# read-only, and go.sum may need entries) and analysed with
# `wglint ./...` under GOFLAGS=-mod=mod, with the module cache itself as the
# only proxy (GOPROXY=file://$GOMODCACHE/cache/download, GOSUMDB=off):
# nothing is downloaded, so a module whose dependencies are not all in the
# cache gets load errors (exit code 1), which are expected; only crashes
# count. An analyzer
# that panics is reported by wglint as "analyzer NAME panicked on package
# PATH" (exit code 1), and counts as a crash too.
#
# OUTDIR gets one line per module in results.tsv (module, exit code,
# seconds, crash yes/no), the standard error of every crashed run, and
# summary.txt.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/modcache-out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
timeout_s=${TIMEOUT:-300}
limit=${LIMIT:-0}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wglint-modcache.XXXXXX")
cleanup() {
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
log() { printf 'modcache: %s\n' "$*" >&2; }

(cd "$repo" && go build -o "$tmp/wglint" ./cmd/wglint)
modcache=$(go env GOMODCACHE)

# Module roots: directories named PATH@VERSION outside cache/download.
mapfile -t mods < <(cd "$modcache" && find . -path ./cache -prune -o -type d -name '*@*' -print -prune | sed 's|^\./||' | sort)
if [ "$limit" -gt 0 ] && [ "${#mods[@]}" -gt "$limit" ]; then
	mods=("${mods[@]:0:$limit}")
fi
log "${#mods[@]} modules in $modcache"

printf 'module\texit\tseconds\tcrash\n' >"$out/results.tsv"
crashes=0 timeouts=0 n=0
for mod in "${mods[@]}"; do
	n=$((n + 1))
	rm -rf "$tmp/m"
	cp -R "$modcache/$mod" "$tmp/m"
	chmod -R u+w "$tmp/m"
	if [ ! -f "$tmp/m/go.mod" ]; then
		printf 'module %s\n' "${mod%@*}" >"$tmp/m/go.mod"
	fi
	t0=$SECONDS
	code=0
	(cd "$tmp/m" && GOWORK=off GOFLAGS=-mod=mod GOPROXY="file://$modcache/cache/download" GOSUMDB=off GOTOOLCHAIN=local \
		timeout "$timeout_s" "$tmp/wglint" ./... >/dev/null 2>"$tmp/stderr") || code=$?
	secs=$((SECONDS - t0))
	crash=no
	if [ "$code" = 124 ]; then
		timeouts=$((timeouts + 1))
		crash=timeout
	elif grep -q -E '^(panic: |fatal error: )|panicked on package' "$tmp/stderr" || { [ "$code" != 0 ] && [ "$code" != 1 ] && [ "$code" != 3 ]; }; then
		crashes=$((crashes + 1))
		crash=yes
		cp "$tmp/stderr" "$out/crash-$(echo "$mod" | tr '/@' '__').stderr"
	fi
	printf '%s\t%s\t%s\t%s\n' "$mod" "$code" "$secs" "$crash" >>"$out/results.tsv"
	log "[$n/${#mods[@]}] $mod: exit $code, ${secs}s, crash: $crash"
done

{
	echo "wglint over $n modules of the module cache ($(go version))"
	echo "exit codes: $(tail -n +2 "$out/results.tsv" | cut -f2 | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')"
	echo "crashes (panic, fatal error, analyzer panic, or exit code not 0/1/3): $crashes"
	echo "killed after ${timeout_s}s: $timeouts"
} | tee "$out/summary.txt"
[ "$crashes" -eq 0 ]

#!/usr/bin/env bash
# corpus.sh runs wglint standalone over two large bodies of real code, the
# Go standard library and golang.org/x/tools@v0.52.0, and summarizes what it
# found, how long it took and how much memory it used.
#
# Usage: scripts/corpus.sh [OUTDIR]      (default OUTDIR: ./corpus-out)
#
# For each corpus NAME, OUTDIR gets:
#   NAME.stderr, NAME.stdout   output of `wglint PATTERN` (text mode)
#   NAME.exit                  its exit code
#   NAME.time                  /usr/bin/time -v report of that run
#   NAME.json, NAME.json.stderr, NAME.json.exit, NAME.json.time
#                              the same for `wglint -json PATTERN`, which
#                              names the analyzer of each finding
# and summary.txt, the summary printed at the end.
#
# It exits 1 if wglint panicked on either corpus, crashed on either corpus
# (killed, or any exit code but 0, 1 and 3), or exited with 1 (a load or
# analysis error) on std. An exit code of 1 on x/tools is reported but
# does not fail the script.
#
# Needs Go and GNU time (/usr/bin/time; installed with apt-get if missing).
# Takes a few minutes and several GB of memory on a 2-core machine.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/corpus-out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
xtools_version=v0.52.0
start=$SECONDS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wglint-corpus.XXXXXX")
cleanup() {
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

log() { printf '%s\n' "$*" >&2; }

# GNU time, for wall time and peak RSS.
if [ ! -x /usr/bin/time ]; then
	log "corpus: /usr/bin/time is missing; installing the Debian package time"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

log "corpus: building wglint and corpuscount into $tmp"
(cd "$repo" && go build -o "$tmp/wglint" ./cmd/wglint && go build -o "$tmp/corpuscount" ./scripts/corpuscount)

# x/tools from the module cache, copied to a writable directory.
log "corpus: fetching golang.org/x/tools@$xtools_version"
xtools_cache=$(cd "$tmp" && go mod download -json "golang.org/x/tools@$xtools_version" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$xtools_cache" ] || [ ! -d "$xtools_cache" ]; then
	log "corpus: go mod download golang.org/x/tools@$xtools_version gave no directory"
	exit 1
fi
cp -R "$xtools_cache" "$tmp/x-tools"
chmod -R u+w "$tmp/x-tools"
xtools_goflags=${GOFLAGS:-}
if ! (cd "$tmp/x-tools" && GOWORK=off go list ./... >/dev/null 2>&1); then
	log "corpus: go list fails in x/tools (go.sum missing entries?); using GOFLAGS=-mod=mod"
	xtools_goflags="${xtools_goflags:+$xtools_goflags }-mod=mod"
fi

mkdir -p "$tmp/std"

# run NAME DIR PATTERN [ENV=VALUE...]: run wglint in text mode and in -json
# mode over PATTERN from DIR, timing both.
run() {
	local name=$1 dir=$2 pattern=$3
	shift 3
	local code
	log "corpus: $name: wglint $pattern (in $dir)"
	code=0
	(cd "$dir" && env "$@" /usr/bin/time -v -o "$out/$name.time" \
		"$tmp/wglint" "$pattern" >"$out/$name.stdout" 2>"$out/$name.stderr") || code=$?
	echo "$code" >"$out/$name.exit"
	log "corpus: $name: wglint -json $pattern"
	code=0
	(cd "$dir" && env "$@" /usr/bin/time -v -o "$out/$name.json.time" \
		"$tmp/wglint" -json "$pattern" >"$out/$name.json" 2>"$out/$name.json.stderr") || code=$?
	echo "$code" >"$out/$name.json.exit"
}

run std "$tmp/std" std GOWORK=off
run x-tools "$tmp/x-tools" ./... GOWORK=off "GOFLAGS=$xtools_goflags"

# timing FILE: wall time and peak RSS from a /usr/bin/time -v report.
timing() {
	local wall rss
	wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1")
	rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1")
	echo "wall time ${wall:-?}, peak RSS $((${rss:-0} / 1024)) MiB"
}

status=0
summarize() {
	local name=$1 pattern=$2 code json_code panicked=no
	code=$(cat "$out/$name.exit")
	json_code=$(cat "$out/$name.json.exit")
	echo "== $name: wglint $pattern"
	echo "exit code: $code (-json run: $json_code)"
	echo "text run: $(timing "$out/$name.time")"
	echo "-json run: $(timing "$out/$name.json.time")"
	if ! "$tmp/corpuscount" -text "$out/$name.stderr" -json "$out/$name.json"; then
		echo "could not read $out/$name.json"
	fi
	# Lines mentioning panic or internal error, except findings (whose
	# messages may well talk about panics): text lines of the form
	# file.go:LINE:COL: and the "message" lines of the JSON output.
	local hits
	hits=$({
		grep -n -E 'panic|internal error' "$out/$name.stderr" "$out/$name.json.stderr" |
			grep -v -E '^[^:]+:[0-9]+:.+\.go:[0-9]+:[0-9]+: '
		grep -n -E 'panic|internal error' "$out/$name.stdout" "$out/$name.json" |
			grep -v -E '^[^:]+:[0-9]+:[[:space:]]*"message": '
	} || true)
	if [ -z "$hits" ]; then
		echo 'lines containing "panic" or "internal error" (findings excluded): none'
	else
		echo "lines containing \"panic\" or \"internal error\" (findings excluded): $(printf '%s\n' "$hits" | wc -l) (first 20):"
		printf '%s\n' "$hits" | head -n 20 | sed "s|^$out/||; s/^/  /"
	fi
	if grep -q -E '^(panic: |fatal error: )' "$out/$name.stderr" "$out/$name.json.stderr"; then
		panicked=yes
	fi
	echo "panicked: $panicked"
	if [ "$panicked" = yes ]; then
		echo "FAIL: wglint panicked on $name"
		status=1
	fi
	local run c
	for run in text -json; do
		if [ "$run" = text ]; then c=$code; else c=$json_code; fi
		case $c in
		0 | 3) ;;
		1)
			if [ "$name" = std ]; then
				echo "FAIL: wglint exited with 1 on std ($run run; see its stderr in $out)"
				status=1
			else
				echo "note: wglint exited with 1 on $name ($run run; see its stderr in $out)"
			fi
			;;
		*)
			echo "FAIL: wglint exited with $c on $name ($run run)"
			status=1
			;;
		esac
	done
	echo
}

{
	go version
	echo "results in $out"
	echo
	summarize std std
	summarize x-tools "./... in golang.org/x/tools@$xtools_version"
	echo "total time of this script: $((SECONDS - start))s"
} >"$out/summary.txt"
cat "$out/summary.txt"
exit $status

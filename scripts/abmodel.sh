#!/usr/bin/env bash
# abmodel.sh compares the cost of two versions of wglint's model: it builds
# wglint at two git revisions and runs both, alternately and in the same
# run, standalone over one package pattern, under /usr/bin/time, with the
# result cache off; then it prints the median wall time and peak resident
# memory of each and their ratios (new / old). Use it to show what a change
# to the model costs, against the revision before it, on a machine whose
# load varies (the ratio is taken within the run).
#
# Usage: scripts/abmodel.sh OLD_REV NEW_REV DIR PATTERN [ROUNDS]
#   OLD_REV, NEW_REV  git revisions of this repository (NEW_REV may be HEAD)
#   DIR               the directory to run wglint in (a module root, or any
#                     directory for std)
#   PATTERN           the package pattern, e.g. ./... or std
#   ROUNDS            rounds (default 3); each round runs OLD then NEW
#
# Environment: WGLINT_ARGS, more arguments for both (e.g. -test=false).
# Needs git, Go and GNU time (/usr/bin/time).
set -euo pipefail
if [ $# -lt 4 ]; then
	echo "usage: scripts/abmodel.sh OLD_REV NEW_REV DIR PATTERN [ROUNDS]" >&2
	exit 2
fi
old_rev=$1 new_rev=$2 dir=$3 pattern=$4 rounds=${5:-3}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ ! -x /usr/bin/time ]; then
	echo "abmodel: needs GNU time at /usr/bin/time" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$tmp/src" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

build() { # build REV OUT
	git -C "$repo" worktree remove --force "$tmp/src" >/dev/null 2>&1 || true
	git -C "$repo" worktree add -q --detach "$tmp/src" "$1"
	(cd "$tmp/src" && go build -o "$2" ./cmd/wglint)
	git -C "$repo" worktree remove --force "$tmp/src"
}
build "$old_rev" "$tmp/old"
build "$new_rev" "$tmp/new"

: >"$tmp/results"
for r in $(seq 1 "$rounds"); do
	for which in old new; do
		code=0
		(cd "$dir" && /usr/bin/time -f "%e %M" -o "$tmp/t" "$tmp/$which" -cache=off ${WGLINT_ARGS:-} "$pattern" >/dev/null 2>"$tmp/$which.stderr") || code=$?
		if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then
			echo "abmodel: $which wglint exited $code in round $r:" >&2
			tail -5 "$tmp/$which.stderr" >&2
			exit 1
		fi
		read -r secs kb < <(tail -n 1 "$tmp/t") # time says "Command exited with non-zero status 3" first
		echo "$which $secs $kb" >>"$tmp/results"
		echo "round $r: $which $secs s $((kb / 1024)) MiB" >&2
	done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ot=$(awk '$1=="old"{print $2}' "$tmp/results" | median)
nt=$(awk '$1=="new"{print $2}' "$tmp/results" | median)
om=$(awk '$1=="old"{print $3}' "$tmp/results" | median)
nm=$(awk '$1=="new"{print $3}' "$tmp/results" | median)
echo "pattern $pattern in $dir, $rounds rounds, medians:"
printf '  old %s: %s s, %d MiB\n' "$old_rev" "$ot" "$((${om%.*} / 1024))"
printf '  new %s: %s s, %d MiB\n' "$new_rev" "$nt" "$((${nm%.*} / 1024))"
awk -v a="$nt" -v b="$ot" -v c="$nm" -v d="$om" 'BEGIN {printf "  new/old: time %.2f, peak memory %.2f\n", a/b, c/d}'

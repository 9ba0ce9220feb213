#!/usr/bin/env bash
# bench.sh measures wglint's wall time and peak memory against go vet and
# staticcheck, on the Go standard library and on golang.org/x/tools, and
# prints medians and ratios. It uses public tools only: /usr/bin/time (GNU
# time), the go command, and staticcheck, which it installs.
#
# Usage: scripts/bench.sh [OUTDIR]        (default OUTDIR: ./bench-out)
#        scripts/bench.sh -report OUTDIR  (print the tables of OUTDIR again)
#
# Environment:
#   ROUNDS=N      rounds per measurement (default 3); the tables give medians
#   CORPORA=...   which corpora, among "small std x-tools" (default: all three)
#   FUZZTIME=D    also run each fuzz target of internal/fuzz for D (for
#                 example 10m) after the measurements (default: no fuzzing)
#
# What is measured, for each corpus and in each round, every command in the
# same round so that the ratios compare runs made under the same load:
#
#   vet-wglint        go vet -vettool=wglint PATTERN
#   vet-default       go vet PATTERN (go vet's default suite)
#   vet-floor-inspect go vet -vettool=floorinspect PATTERN: a vettool whose one
#                     analyzer requires inspect and does nothing
#   vet-floor-ssa     go vet -vettool=floorssa PATTERN: the same, requiring
#                     buildssa (SSA of every function of the package)
#   vet-floor-ssafacts  the same as vet-floor-ssa with a fact type declared:
#                     like wglint (whose model exports facts), go vet then
#                     runs it on every dependency too, not just the patterns
#   wglint            wglint PATTERN (standalone, text output)
#   staticcheck       staticcheck PATTERN (v0.8.2, default checks)
#
# The floor vettools are written by this script to a temporary module and
# built with golang.org/x/tools v0.52.0 (the version wglint uses);
# multichecker.Main, like wglint.
#
# Defeating go vet's cache, honestly: go vet caches each package's vet
# result under a key that includes the vet tool's build ID, and replays it
# when nothing changed, so a second run costs almost nothing. Before the
# measurements, the script warms a fresh GOCACHE by running go vet over the
# corpus with yet another do-nothing vettool (floorwarm, a different binary,
# so no measured tool's results are in the cache): this compiles every
# package and test variant that vet needs (their export data), exactly what
# the measured commands would otherwise find in a developer's cache. Every
# measured run then starts from its own fresh copy of that warmed cache: the
# compiled export data is there, no vet result of the measured tool is. The
# standalone tools get a fresh copy too (wglint and staticcheck run go list,
# which uses it), and staticcheck a fresh, empty STATICCHECK_CACHE, so its
# own cache of facts and results is defeated as well. Copying the cache is
# not timed. The script checks the method: after the measurements, one more
# run of go vet -vettool=wglint with -x on a fresh copy must start the tool
# on at least as many packages as the corpus has (go vet prints the vet
# command of each package it does not replay from the cache).
#
# Peak memory is GNU time's "maximum resident set size", which for a
# command that starts other processes is the peak of the largest single
# process (not the sum): for go vet, the largest of the go command and the
# vet tool processes, of which go vet runs up to GOMAXPROCS at a time.
#
# Scaling: the script also counts the lines of Go analysed in each corpus
# (the .go files of every package variant analysed, dependencies and test
# variants included; see lines below) and divides the median time of each
# command by it, for three sizes: one small package
# (golang.org/x/tools/go/ast/inspector), golang.org/x/tools, and std.
#
# Determinism: the output of standalone wglint must be byte-identical in
# every round (checksums in OUTDIR/NAME.wglint.cksums).
#
# The script exits 1 if a run of wglint panicked or was not deterministic.
#
# Results: OUTDIR/runs.tsv (every run), OUTDIR/NAME.* (outputs of the last
# round), OUTDIR/report.md (the tables, ready for docs/performance.md).
# With ROUNDS=3 the script took 45 minutes and up to 6 GB of memory on a
# shared 2-core machine. See also scripts/modcache.sh (wglint over every
# module of the module cache) and scripts/corpus.sh (findings on std and
# x/tools).
set -euo pipefail

# report OUTDIR: the tables, from the files of OUTDIR (runs.tsv and the
# counts and metadata written by the measurements).
report() {
	local out=$1 name lines
	cat "$out/meta.md"
	echo
	echo "Wall time and peak RSS are medians over the rounds; each ratio is the median over the rounds of the ratio between two commands of the same round (the machine is shared, so rounds differ; ratios within a round compare like with like)."
	echo
	for name in $(cat "$out/corpora"); do
		lines=$(cat "$out/$name.lines")
		echo "### $name: \`$(cat "$out/$name.pattern")\` ($(cat "$out/$name.packages") packages, $lines lines of Go analysed with dependencies)"
		echo
		echo "With -x on a fresh copy of the warmed cache, go vet started wglint on $(cat "$out/$name.vet-runs") packages (named packages, test variants and dependencies): its cache was defeated."
		if [ -f "$out/$name.wglint.cksums" ]; then
			if [ "$(sort -u "$out/$name.wglint.cksums" | wc -l)" -eq 1 ]; then
				echo "Standalone wglint printed byte-identical output in all $(wc -l <"$out/$name.wglint.cksums") rounds."
			else
				echo "**Standalone wglint printed different output in different rounds** (checksums in $name.wglint.cksums)."
			fi
		fi
		echo
		awk -F '\t' -v corpus="$name" -v lines="$lines" '
		function median(list, n,   a, i, j, t) {
			n = split(list, a, " ")
			for (i = 1; i <= n; i++)
				for (j = i + 1; j <= n; j++)
					if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
			if (n % 2) return a[(n + 1) / 2]
			return (a[n / 2] + a[n / 2 + 1]) / 2
		}
		# ratio(x, y): median over the rounds of x/y (wall time), or of
		# peak RSS with mem set.
		function ratio(x, y, mem,   r, list) {
			list = ""
			for (r = 1; r <= nr; r++) {
				if (mem) list = list " " R[x, r] / R[y, r]
				else list = list " " W[x, r] / W[y, r]
			}
			return median(list)
		}
		$1 == corpus {
			if (!($2 in wall)) order[++k] = $2
			wall[$2] = wall[$2] " " $4
			rss[$2] = rss[$2] " " $5
			codes[$2] = codes[$2] $6 " "
			W[$2, $3] = $4; R[$2, $3] = $5
			if ($3 > nr) nr = $3
		}
		END {
			for (i = 1; i <= k; i++) { t = order[i]; w[t] = median(wall[t]); m[t] = median(rss[t]) / 1024 }
			printf "| command | wall time (s) | peak RSS (MiB) | time / vet-default | time / vet-floor-ssa | ms per 1000 lines | exit codes |\n"
			printf "|---|---:|---:|---:|---:|---:|---|\n"
			for (i = 1; i <= k; i++) {
				t = order[i]
				printf "| %s | %.1f | %.0f | %.2f | %.2f | %.2f | %s|\n", t, w[t], m[t], ratio(t, "vet-default"), ratio(t, "vet-floor-ssa"), 1000 * w[t] / (lines / 1000), codes[t]
			}
			printf "\nGoals: go vet -vettool=wglint / buildssa floor = %.2f (want <= 1.15; against the buildssa floor with a fact type: %.2f), / go vet default suite = %.2f (want <= 1); standalone wglint / staticcheck: time %.2f (want < 1), peak memory %.2f (want <= 1).\n", ratio("vet-wglint", "vet-floor-ssa"), ratio("vet-wglint", "vet-floor-ssafacts"), ratio("vet-wglint", "vet-default"), ratio("wglint", "staticcheck"), ratio("wglint", "staticcheck", 1)
		}' "$out/runs.tsv"
		echo
	done
	echo "Runs of wglint that printed a panic: $(cat "$out/panics")."
	echo
	echo "Time of the measuring run: $(cat "$out/seconds") s."
}

# scripts/bench.sh -report OUTDIR prints the tables of an earlier run again.
if [ "${1:-}" = -report ]; then
	report "${2:?usage: scripts/bench.sh -report OUTDIR}"
	exit
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/bench-out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rounds=${ROUNDS:-3}
corpora=${CORPORA:-small std x-tools}
xtools_version=v0.52.0
staticcheck_version=v0.8.2
start=$SECONDS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wglint-bench.XXXXXX")
cleanup() {
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

log() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
	log "/usr/bin/time is missing; installing the Debian package time"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

export GOWORK=off
bin=$tmp/bin
mkdir -p "$bin"

log "building wglint"
(cd "$repo" && go build -o "$bin/wglint" ./cmd/wglint)
wglint_version="$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"

log "building the floor vettools"
floor=$tmp/floor
mkdir -p "$floor"
cat >"$floor/go.mod" <<EOF
module wglintbench/floor

go 1.26

require golang.org/x/tools $xtools_version
EOF
cp "$repo/go.sum" "$floor/go.sum"
# writefloor NAME PASSPKG FACTS: a multichecker with one analyzer that
# requires PASSPKG's Analyzer and does nothing; with FACTS=yes it also
# declares a fact type (and exports no fact).
writefloor() {
	local name=$1 pass=$2 facts=$3 factdecl="" facttypes=""
	if [ "$facts" = yes ]; then
		factdecl='type fact struct{}

func (*fact) AFact() {}
'
		facttypes='FactTypes: []analysis.Fact{new(fact)},'
	fi
	mkdir -p "$floor/$name"
	cat >"$floor/$name/main.go" <<EOF
// Command $name is a floor for wglint's benchmarks: one analyzer that
// requires $pass and does nothing.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/$pass"
)

$factdecl
var floor = &analysis.Analyzer{
	Name:     "$name",
	Doc:      "does nothing but require $pass",
	Requires: []*analysis.Analyzer{$pass.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	$facttypes
}

func main() { multichecker.Main(floor) }
EOF
}
writefloor floorinspect inspect no
writefloor floorssa buildssa no
writefloor floorssafacts buildssa yes
writefloor floorwarm inspect no
(cd "$floor" && GOFLAGS=-mod=mod go build -o "$bin/" ./...)

log "installing staticcheck $staticcheck_version"
GOBIN=$bin go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"

# x/tools from the module cache, copied to a writable directory.
log "fetching golang.org/x/tools@$xtools_version"
xtools_cache=$(cd "$tmp" && go mod download -json "golang.org/x/tools@$xtools_version" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$xtools_cache" ] || [ ! -d "$xtools_cache" ]; then
	log "go mod download golang.org/x/tools@$xtools_version gave no directory"
	exit 1
fi
cp -R "$xtools_cache" "$tmp/x-tools"
chmod -R u+w "$tmp/x-tools"
xtools_goflags=${GOFLAGS:-}
if ! (cd "$tmp/x-tools" && go list ./... >/dev/null 2>&1); then
	xtools_goflags="${xtools_goflags:+$xtools_goflags }-mod=mod"
fi
mkdir -p "$tmp/std"

# corpus NAME: sets dir, pattern and goflags for the corpus NAME.
corpus() {
	case $1 in
	small) dir=$tmp/x-tools pattern=./go/ast/inspector goflags=$xtools_goflags ;;
	std) dir=$tmp/std pattern=std goflags=${GOFLAGS:-} ;;
	x-tools) dir=$tmp/x-tools pattern=./... goflags=$xtools_goflags ;;
	*)
		log "unknown corpus $1"
		exit 2
		;;
	esac
}

# lines NAME: the lines of Go analysed for the corpus: the files of every
# package that is type-checked and analysed, the dependencies included,
# counted once per package variant (go vet and wglint analyse a package
# again in each test variant that recompiles it, "os [sync.test]" as well
# as "os"). Counting each file once instead gives std 0.97 M lines instead
# of 4.6 M, x/tools 0.73 M instead of 0.81 M, and a time per line that
# looks superlinear only because std's tests recompile many dependencies.
lines() {
	corpus "$1"
	# (Files with an absolute path, such as the generated main of a test
	# binary, live in the build cache and are not counted.)
	(cd "$dir" && GOFLAGS=$goflags go list -e -deps -test \
		-f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}	{{.}}
{{end}}{{range .CgoFiles}}{{$d}}	{{.}}
{{end}}' "$pattern") | awk -F '\t' 'NF == 2 && $2 !~ /^\// { print $1 "/" $2 }' |
		tr '\n' '\0' | xargs -0 cat | wc -l
}

# npkgs NAME: the number of packages go vet analyses for the corpus
# (named packages; test variants count once).
npkgs() {
	corpus "$1"
	(cd "$dir" && GOFLAGS=$goflags go list -e "$pattern" | wc -l)
}

tools="vet-wglint vet-default vet-floor-inspect vet-floor-ssa vet-floor-ssafacts wglint staticcheck"

# command TOOL: the command line of TOOL for the current corpus.
command() {
	case $1 in
	vet-wglint) echo go vet "-vettool=$bin/wglint" "$pattern" ;;
	vet-default) echo go vet "$pattern" ;;
	vet-floor-inspect) echo go vet "-vettool=$bin/floorinspect" "$pattern" ;;
	vet-floor-ssa) echo go vet "-vettool=$bin/floorssa" "$pattern" ;;
	vet-floor-ssafacts) echo go vet "-vettool=$bin/floorssafacts" "$pattern" ;;
	wglint) echo "$bin/wglint" "$pattern" ;;
	staticcheck) echo "$bin/staticcheck" "$pattern" ;;
	esac
}

# freshcache NAME: a fresh copy of the warmed cache of corpus NAME in
# $tmp/cache-run, and an empty staticcheck cache.
freshcache() {
	chmod -R u+w "$tmp/cache-run" "$tmp/sc-cache" 2>/dev/null || true
	rm -rf "$tmp/cache-run" "$tmp/sc-cache"
	cp -a "$tmp/cache-warm-$1" "$tmp/cache-run"
	mkdir -p "$tmp/sc-cache"
}

runs=$out/runs.tsv
printf 'corpus\ttool\tround\twall_s\tmaxrss_kb\texit\n' >"$runs"

for name in $corpora; do
	rm -f "$out/$name.wglint.cksums"
done
for name in $corpora; do
	corpus "$name"
	log "$name: warming a fresh GOCACHE (go vet -vettool=floorwarm, go list -export)"
	rm -rf "$tmp/cache-warm-$name"
	(cd "$dir" && GOCACHE=$tmp/cache-warm-$name GOFLAGS=$goflags go vet "-vettool=$bin/floorwarm" "$pattern" >/dev/null 2>&1) || true
	(cd "$dir" && GOCACHE=$tmp/cache-warm-$name GOFLAGS=$goflags go list -e -export -deps -test "$pattern" >/dev/null 2>&1) || true
	log "$name: warmed cache: $(du -sh "$tmp/cache-warm-$name" | cut -f1)"
	for round in $(seq 1 "$rounds"); do
		for tool in $tools; do
			freshcache "$name"
			# shellcheck disable=SC2046 # the command is split on purpose
			set -- $(command "$tool")
			code=0
			(cd "$dir" && GOCACHE=$tmp/cache-run STATICCHECK_CACHE=$tmp/sc-cache GOFLAGS=$goflags \
				/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out/$name.$tool.stdout" 2>"$out/$name.$tool.stderr") || code=$?
			# GNU time prints "Command exited with non-zero status N" first.
			read -r wall rss < <(tail -n 1 "$tmp/time")
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$round" "$wall" "$rss" "$code" >>"$runs"
			if [ "$tool" = wglint ]; then
				# Determinism: standalone wglint must print the same bytes
				# in every round.
				cat "$out/$name.$tool.stdout" "$out/$name.$tool.stderr" | cksum >>"$out/$name.wglint.cksums"
			fi
			log "$name round $round: $tool: ${wall}s, $((rss / 1024)) MiB, exit $code"
		done
	done
done

# Check that the cache was defeated: with -x, go vet prints the vet
# command of each package it runs the tool on.
for name in $corpora; do
	corpus "$name"
	freshcache "$name"
	(cd "$dir" && GOCACHE=$tmp/cache-run GOFLAGS=$goflags go vet -x "-vettool=$bin/wglint" "$pattern" >/dev/null 2>"$tmp/vet-x") || true
	ran=$(grep -c 'vet.cfg' "$tmp/vet-x" || true)
	echo "$ran" >"$out/$name.vet-runs"
	echo "$(npkgs "$name")" >"$out/$name.packages"
	echo "$(lines "$name")" >"$out/$name.lines"
done

# Panics: any run of wglint that printed a Go panic or fatal error.
panics=0
for f in "$out"/*.wglint.stderr "$out"/*.vet-wglint.stderr; do
	[ -e "$f" ] || continue
	if grep -q -E '^(panic: |fatal error: )|panicked' "$f"; then
		log "PANIC in $f"
		panics=$((panics + 1))
	fi
done

if [ -n "${FUZZTIME:-}" ]; then
	log "fuzzing for $FUZZTIME per target"
	(cd "$repo" && go test ./internal/fuzz -run='^$' -fuzz=FuzzAnalyzers -fuzztime="$FUZZTIME") | tee "$out/fuzz.txt"
fi

{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by scripts/bench.sh, $rounds rounds."
	echo
	echo "* machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr); load average when done: $(cut -d ' ' -f 1-3 /proc/loadavg)"
	echo "* $(go version)"
	echo "* wglint $wglint_version (when the script started), golang.org/x/tools $xtools_version"
	echo "* staticcheck $("$bin/staticcheck" -version 2>/dev/null | head -n 1)"
} >"$out/meta.md"
echo "$corpora" >"$out/corpora"
for name in $corpora; do
	corpus "$name"
	echo "$pattern" >"$out/$name.pattern"
done
echo "$panics" >"$out/panics"
echo "$((SECONDS - start))" >"$out/seconds"
report "$out" >"$out/report.md"
cat "$out/report.md"
status=0
[ "$panics" -eq 0 ] || status=1
for name in $corpora; do
	if [ "$(sort -u "$out/$name.wglint.cksums" | wc -l)" -ne 1 ]; then
		log "standalone wglint was not deterministic on $name"
		status=1
	fi
done
exit $status

#!/usr/bin/env bash
# bench.sh measures wglint's wall time and peak memory against go vet and
# staticcheck, on a small package, golang.org/x/tools, the Go standard
# library, and three large projects from the module proxy at pinned
# versions (the etcd server module, grpc-go and nats-server), and prints
# medians and ratios; and, on the large projects, the time of a re-run
# after a one-line edit and of an unchanged re-run. It uses public tools only: /usr/bin/time (GNU
# time), the go command, and staticcheck, which it installs.
#
# Usage: scripts/bench.sh [OUTDIR]        (default OUTDIR: ./bench-out)
#        scripts/bench.sh -report OUTDIR  (print the tables of OUTDIR again)
#
# Environment:
#   ROUNDS=N      rounds per measurement (default 3); the tables give medians
#   CORPORA=...   which corpora, among "small x-tools std etcd grpc nats"
#                 (default: all six)
#   RERUN=...     the corpora of the re-run scenario, among "etcd grpc nats"
#                 (default: those of CORPORA)
#   MAXRSS_MB=N   kill a measured command whose processes use more than N
#                 MiB of resident memory together (default 10240)
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
# Standalone wglint's own result cache is defeated the same way: every
# measured run gets a fresh, empty WGLINT_CACHE, as staticcheck gets an
# empty STATICCHECK_CACHE.
#
# The large projects (pinned versions, fetched with go mod download):
#   etcd  go.etcd.io/etcd/server/v3@v3.7.3    ./...  (without the
#         replacements of its sibling modules by ../api etc.)
#   grpc  google.golang.org/grpc@v1.85.0       ./...
#   nats  github.com/nats-io/nats-server/v2@v2.15.2  ./...  (its server
#         package with its tests is one package variant of about 450k lines)
#
# Re-runs (RERUN corpora): in each round, for go vet -vettool=wglint, go vet
# (default suite), standalone wglint and staticcheck, each from a fresh
# copy of the warmed cache and empty caches of its own: one untimed run
# (which fills the tool's cache as a developer's first run does), then a
# timed unchanged re-run, then the same one-line edit (a new unexported
# function appended to one file, different in each round: see editfile in
# corpus below), and a timed re-run; then the file is restored. The table
# gives medians and the medians of the in-round ratios to go vet
# -vettool=wglint's re-run.
#
# Peak memory is GNU time's "maximum resident set size", which for a
# command that starts other processes is the peak of the largest single
# process (not the sum): for go vet, the largest of the go command and the
# vet tool processes, of which go vet runs up to GOMAXPROCS at a time.
#
# Scaling: the script also counts the lines of Go analysed in each corpus
# (the .go files of every package variant analysed, dependencies and test
# variants included; see lines below) and divides the median time of each
# command by it, from one small package (golang.org/x/tools/go/ast/inspector)
# to golang.org/x/tools, std and the large projects: a table shows it for
# every corpus.
#
# Determinism: the output of standalone wglint must be byte-identical in
# every round (checksums in OUTDIR/NAME.wglint.cksums).
#
# The script exits 1 if a run of wglint panicked or was not deterministic.
#
# Results: OUTDIR/runs.tsv (every run), OUTDIR/NAME.* (outputs of the last
# round), OUTDIR/report.md (the tables, ready for docs/performance.md).
# With ROUNDS=3 the script took 45 minutes and up to 6 GB of memory on a
# shared 2-core machine for the first three corpora; see
# docs/performance.md for the large ones. See also scripts/modcache.sh (wglint over every
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
			printf "\nGoals: go vet -vettool=wglint / buildssa floor = %.2f (want <= 1.15; against the buildssa floor with a fact type: %.2f), / go vet default suite = %.2f (want <= 1), per-process memory / go vet default suite = %.2f (want <= 1.5); standalone wglint / staticcheck: time %.2f (want <= 1), peak memory %.2f (want <= 1).\n", ratio("vet-wglint", "vet-floor-ssa"), ratio("vet-wglint", "vet-floor-ssafacts"), ratio("vet-wglint", "vet-default"), ratio("vet-wglint", "vet-default", 1), ratio("wglint", "staticcheck"), ratio("wglint", "staticcheck", 1)
		}' "$out/runs.tsv"
		echo
	done
	echo "### Time per thousand lines analysed"
	echo
	echo "Median wall time divided by the lines of Go analysed (dependencies and test variants included), in ms per 1000 lines."
	echo
	printf '| corpus | lines | wglint | staticcheck | vet-wglint | vet-default |\n|---|---:|---:|---:|---:|---:|\n'
	for name in $(cat "$out/corpora"); do
		awk -F '\t' -v corpus="$name" -v lines="$(cat "$out/$name.lines")" '
		function median(list, n,   a, i, j, t) {
			n = split(list, a, " ")
			for (i = 1; i <= n; i++)
				for (j = i + 1; j <= n; j++)
					if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
			if (n % 2) return a[(n + 1) / 2]
			return (a[n / 2] + a[n / 2 + 1]) / 2
		}
		$1 == corpus { wall[$2] = wall[$2] " " $4 }
		END {
			printf "| %s | %d | %.2f | %.2f | %.2f | %.2f |\n", corpus, lines, 1e6 * median(wall["wglint"]) / lines, 1e6 * median(wall["staticcheck"]) / lines, 1e6 * median(wall["vet-wglint"]) / lines, 1e6 * median(wall["vet-default"]) / lines
		}' "$out/runs.tsv"
	done
	echo
	if [ -s "$out/rerun-corpora" ] && [ -n "$(tr -d ' \n' <"$out/rerun-corpora")" ]; then
		echo "### Re-runs"
		echo
		echo "After an untimed first run of the same tool (which fills its caches): an unchanged re-run, and a re-run after a one-line edit (a function appended to one file: in etcd, etcdserver/api/v3rpc/maintenance.go, a package four others import; in grpc, server.go, in the package that nearly every other imports; in nats, server/server.go, in the giant server package). Medians; the ratios are medians of in-round ratios to go vet -vettool=wglint's re-run of the same scenario."
		echo
		if [ -s "$out/rerun-differs" ]; then
			echo "**Standalone wglint printed something else in a re-run than in the first run:** $(tr '\n' ';' <"$out/rerun-differs")"
		else
			echo "Standalone wglint printed the same output in every re-run as in the first run."
		fi
		echo
		printf '| corpus | command | edit: wall (s) | edit: peak RSS (MiB) | edit: / vet-wglint | unchanged: wall (s) | unchanged: / vet-wglint |\n|---|---|---:|---:|---:|---:|---:|\n'
		for name in $(cat "$out/rerun-corpora"); do
			awk -F '\t' -v corpus="$name" '
			function median(list, n,   a, i, j, t) {
				n = split(list, a, " ")
				for (i = 1; i <= n; i++)
					for (j = i + 1; j <= n; j++)
						if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
				if (n % 2) return a[(n + 1) / 2]
				return (a[n / 2] + a[n / 2 + 1]) / 2
			}
			function ratio(x, y, sc,   r, list) {
				list = ""
				for (r = 1; r <= nr; r++) list = list " " W[x, sc, r] / (W[y, sc, r] > 0 ? W[y, sc, r] : 0.01)
				return median(list)
			}
			$1 == corpus {
				if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 }
				wall[$2, $4] = wall[$2, $4] " " $5
				rss[$2, $4] = rss[$2, $4] " " $6
				W[$2, $4, $3] = $5
				if ($3 > nr) nr = $3
			}
			END {
				for (i = 1; i <= k; i++) {
					t = order[i]
					printf "| %s | %s | %.1f | %.0f | %.2f | %.1f | %.2f |\n", corpus, t, median(wall[t, "edit"]), median(rss[t, "edit"]) / 1024, ratio(t, "vet-wglint", "edit"), median(wall[t, "unchanged"]), ratio(t, "vet-wglint", "unchanged")
				}
			}' "$out/reruns.tsv"
		done
		echo
	fi
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
corpora=${CORPORA:-small x-tools std etcd grpc nats}
rerun_corpora=""
for name in ${RERUN-etcd grpc nats}; do
	case " $corpora " in *" $name "*) rerun_corpora="$rerun_corpora $name" ;; esac
done
maxrss_mb=${MAXRSS_MB:-10240}
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

# fetchmod NAME MODULE@VERSION: the module from the module cache (go mod
# download), copied to the writable directory $tmp/NAME; sets NAME's
# GOFLAGS in goflags_NAME (-mod=mod when its go.sum lacks entries that
# go list needs: go.etcd.io/etcd/server/v3's does).
fetchmod() {
	local name=$1 mod=$2 src flags=${GOFLAGS:-}
	case " $corpora " in *" $name "*) ;; *) return 0 ;; esac
	log "fetching $mod"
	src=$(cd "$tmp" && go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
	if [ -z "$src" ] || [ ! -d "$src" ]; then
		log "go mod download $mod gave no directory"
		exit 1
	fi
	cp -R "$src" "$tmp/$name"
	chmod -R u+w "$tmp/$name"
	# Replacements by directories of the module's repository (etcd's
	# server module replaces its sibling modules by ../api and so on),
	# which the module proxy does not have: the required versions are used.
	local old
	for old in $(cd "$tmp/$name" && go mod edit -json | awk '
		/"Replace":/ { inrep = 1 }
		inrep && /"Old":/ { old = 1 } inrep && /"New":/ { old = 0 }
		inrep && /"Path":/ { gsub(/[",]/, "", $2); if (old) o = $2; else if ($2 ~ /^\./) print o }'); do
		(cd "$tmp/$name" && go mod edit "-dropreplace=$old")
	done
	if ! (cd "$tmp/$name" && GOFLAGS=$flags go list ./... >/dev/null 2>&1); then
		flags="${flags:+$flags }-mod=mod"
		(cd "$tmp/$name" && GOFLAGS=$flags go list -deps -test ./... >/dev/null)
	fi
	printf -v "goflags_$name" '%s' "$flags"
}
fetchmod etcd go.etcd.io/etcd/server/v3@v3.7.3
fetchmod grpc google.golang.org/grpc@v1.85.0
fetchmod nats github.com/nats-io/nats-server/v2@v2.15.2

# corpus NAME: sets dir, pattern and goflags for the corpus NAME.
corpus() {
	case $1 in
	small) dir=$tmp/x-tools pattern=./go/ast/inspector goflags=$xtools_goflags ;;
	std) dir=$tmp/std pattern=std goflags=${GOFLAGS:-} ;;
	x-tools) dir=$tmp/x-tools pattern=./... goflags=$xtools_goflags ;;
	etcd) dir=$tmp/etcd pattern=./... goflags=$goflags_etcd editfile=etcdserver/api/v3rpc/maintenance.go ;;
	grpc) dir=$tmp/grpc pattern=./... goflags=$goflags_grpc editfile=server.go ;;
	nats) dir=$tmp/nats pattern=./... goflags=$goflags_nats editfile=server/server.go ;;
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
	chmod -R u+w "$tmp/cache-run" "$tmp/sc-cache" "$tmp/wg-cache" 2>/dev/null || true
	rm -rf "$tmp/cache-run" "$tmp/sc-cache" "$tmp/wg-cache"
	cp -a "$tmp/cache-warm-$1" "$tmp/cache-run"
	mkdir -p "$tmp/sc-cache" "$tmp/wg-cache"
}

# measure OUTFILE CMD...: runs CMD in $dir with the fresh caches under GNU
# time, its output in $out/OUTFILE.stdout and .stderr; sets wall, rss and
# code. A watchdog kills the command if its processes together use more
# than MAXRSS_MB (the machine is shared); such a run has exit code 137.
measure() {
	local outfile=$1 pid watch
	shift
	code=0
	(cd "$dir" && exec setsid env GOCACHE="$tmp/cache-run" STATICCHECK_CACHE="$tmp/sc-cache" WGLINT_CACHE="$tmp/wg-cache" GOFLAGS="$goflags" \
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out/$outfile.stdout" 2>"$out/$outfile.stderr") &
	pid=$!
	# (The background subshell is not a process group leader, so setsid
	# does not fork: the command's session and process group are $pid.)
	(
		while kill -0 "$pid" 2>/dev/null; do
			total=$(ps -o rss= -s "$pid" 2>/dev/null | awk '{s += $1} END {print s + 0}')
			if [ "${total:-0}" -gt $((maxrss_mb * 1024)) ]; then
				log "killing $* ($((total / 1024)) MiB > $maxrss_mb MiB)"
				kill -KILL -- "-$pid" 2>/dev/null || true
				break
			fi
			sleep 2
		done
	) &
	watch=$!
	wait "$pid" || code=$?
	kill "$watch" 2>/dev/null || true
	wait "$watch" 2>/dev/null || true
	# GNU time prints "Command exited with non-zero status N" first.
	if [ -s "$tmp/time" ]; then
		read -r wall rss < <(tail -n 1 "$tmp/time")
	else
		wall=0 rss=0
	fi
	rm -f "$tmp/time"
}

runs=$out/runs.tsv
printf 'corpus\ttool\tround\twall_s\tmaxrss_kb\texit\n' >"$runs"

for name in $corpora; do
	rm -f "$out/$name.wglint.cksums"
done
rm -f "$out/rerun-differs"
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
			measure "$name.$tool" $(command "$tool")
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

# Re-runs: an untimed first run fills the tool's caches, then an unchanged
# re-run and a re-run after a one-line edit are timed.
reruns=$out/reruns.tsv
printf 'corpus\ttool\tround\tscenario\twall_s\tmaxrss_kb\texit\n' >"$reruns"
rerun_tools="vet-wglint vet-default wglint staticcheck"
for name in $rerun_corpora; do
	corpus "$name"
	if [ ! -f "$dir/$editfile" ]; then
		log "$name: $editfile is missing"
		exit 1
	fi
	cp "$dir/$editfile" "$tmp/editfile.orig"
	for round in $(seq 1 "$rounds"); do
		for tool in $rerun_tools; do
			freshcache "$name"
			# shellcheck disable=SC2046 # the command is split on purpose
			set -- $(command "$tool")
			measure "$name.rerun.$tool.first" "$@"
			measure "$name.rerun.$tool.unchanged" "$@"
			printf '%s\t%s\t%s\tunchanged\t%s\t%s\t%s\n' "$name" "$tool" "$round" "$wall" "$rss" "$code" >>"$reruns"
			log "$name re-run round $round: $tool unchanged: ${wall}s, $((rss / 1024)) MiB, exit $code"
			printf '\nfunc wglintBenchEdit%s() int { return %s }\n' "$round" "$round" >>"$dir/$editfile"
			measure "$name.rerun.$tool.edit" "$@"
			cp "$tmp/editfile.orig" "$dir/$editfile"
			printf '%s\t%s\t%s\tedit\t%s\t%s\t%s\n' "$name" "$tool" "$round" "$wall" "$rss" "$code" >>"$reruns"
			log "$name re-run round $round: $tool after the edit: ${wall}s, $((rss / 1024)) MiB, exit $code"
			if [ "$tool" = wglint ]; then
				# The re-runs print what the first run printed (the edit
				# adds a function without findings).
				for scenario in unchanged edit; do
					if ! cmp -s "$out/$name.rerun.wglint.first.stderr" "$out/$name.rerun.wglint.$scenario.stderr"; then
						log "$name: standalone wglint printed something else in the $scenario re-run"
						echo "$name $round $scenario" >>"$out/rerun-differs"
					fi
				done
			fi
		done
	done
done
echo "$rerun_corpora" >"$out/rerun-corpora"

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
for f in "$out"/*.wglint.stderr "$out"/*.vet-wglint.stderr "$out"/*.rerun.*wglint.*.stderr; do
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

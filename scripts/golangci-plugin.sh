#!/usr/bin/env bash
# Build golangci-lint with wglint's module plugin compiled in, offline (only
# the Go module proxy is needed, not GitHub), and check it against
# standalone wglint.
#
# Usage: scripts/golangci-plugin.sh [OUTPUT]
#
# `golangci-lint custom` clones golangci-lint from GitHub, so instead this
# writes by hand the wrapper module that `custom` would generate: a main
# package that calls golangci-lint's pkg/commands and blank-imports the
# plugin (github.com/wglint/wglint/plugin/golangci), with a replace
# directive pointing at this repository. It builds it with the go command,
# which fetches golangci-lint from the module proxy. Then it runs
# plugin/golangci's TestCustomGolangci with the binary, which runs it on the
# blog post's programs and asserts that it reports exactly what standalone
# wglint reports; that with the README's configuration, golangci-lint's
# standard linters on, every standalone finding still appears (uniq-by-line
# off: govet's copylocks shares lines with wgcopy); that a check left out of
# enable still runs and one under disable does not; that //nolint:<check>
# silences that check only; and that //wglint:ignore directives work
# through the plugin.
#
# The binary is left at OUTPUT (default: bin/custom-gcl). The first build
# downloads and compiles golangci-lint: a few minutes on two cores; later
# builds reuse the module and build caches.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	PATH=/usr/local/go/bin:$PATH
fi

gcl_version=v2.15.0
out=${1:-$root/bin/custom-gcl}
case $out in /*) ;; *) out=$root/$out ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/wglint-custom-gcl.XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "writing the wrapper module in $work"
cat >"$work/go.mod" <<EOF
module example.com/wglint-custom-gcl

go 1.26.0

require (
	github.com/golangci/golangci-lint/v2 $gcl_version
	github.com/wglint/wglint v0.0.0
)

replace github.com/wglint/wglint => $root
EOF
cat >"$work/main.go" <<'EOF'
// Command custom-gcl is golangci-lint with wglint's module plugin compiled
// in: what `golangci-lint custom` builds from a .custom-gcl.yml naming
// github.com/wglint/wglint/plugin/golangci, written by hand so that it
// builds without cloning golangci-lint from GitHub.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	// Module plugins: each check registers itself with
	// plugin-module-register in init.
	_ "github.com/wglint/wglint/plugin/golangci"
)

// version is empty so that golangci-lint reports "(devel)" and salts its
// result cache with a hash of the executable: a fixed version string would
// let a rebuilt plugin replay stale cached results.
var version = ""

func main() {
	info := commands.BuildInfo{Version: version, Commit: "custom", Date: "(unknown)"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion = bi.GoVersion
		if info.Version == "" {
			info.Version = bi.Main.Version
		}
	}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
EOF

step "go mod tidy (golangci-lint $gcl_version from the module proxy)"
start=$SECONDS
(cd "$work" && go mod tidy)
if ! grep -q "github.com/golangci/golangci-lint/v2 $gcl_version\$" "$work/go.mod"; then
	echo "the wrapper module does not require golangci-lint $gcl_version:" >&2
	cat "$work/go.mod" >&2
	exit 1
fi
echo "$((SECONDS - start))s"

step "go build -o $out"
start=$SECONDS
mkdir -p "$(dirname "$out")"
(cd "$work" && go build -o "$out" .)
echo "$((SECONDS - start))s"
"$out" version

step "TestCustomGolangci: the custom binary against standalone wglint"
log="$work/test.log"
if ! WGLINT_GCL=$out go test -count=1 -run '^TestCustomGolangci$' -v ./plugin/golangci 2>&1 | tee "$log"; then
	exit 1
fi
# go test passes when -run matches nothing, and the test skips itself
# without WGLINT_GCL: make sure it ran.
if ! grep -q -- '^--- PASS: TestCustomGolangci ' "$log"; then
	echo "TestCustomGolangci did not run and pass" >&2
	exit 1
fi

step "golangci-lint plugin checks passed"

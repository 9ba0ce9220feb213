// Package fuzz holds wglint's fuzz test: FuzzAnalyzers mutates Go programs
// seeded from the repository's testdata, type-checks them and runs every
// check on those that type-check; any panic or analysis error fails it.
//
//	go test ./internal/fuzz                                   # the seeds only
//	go test ./internal/fuzz -run='^$' -fuzz=FuzzAnalyzers -fuzztime=30s
//
// .ci/run fuzzes for a short, bounded time; scripts/bench.sh fuzzes longer
// with FUZZTIME set.
package fuzz

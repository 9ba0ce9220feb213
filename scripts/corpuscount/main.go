// Command corpuscount summarizes one corpus run of scripts/corpus.sh: it
// counts the findings per analyzer in a wglint -json output file and the
// findings in a text output file.
//
//	go run ./scripts/corpuscount -json FILE.json -text FILE.stderr
//
// The -json file may hold one JSON object (standalone wglint) or several
// concatenated ones (go vet -json). Findings reported for both pkg and
// pkg [pkg.test] are counted once.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"

	"github.com/wglint/wglint/analyzers"
)

func main() {
	jsonFile := flag.String("json", "", "wglint -json output")
	textFile := flag.String("text", "", "wglint text output (its stderr)")
	flag.Parse()
	if err := run(os.Stdout, *jsonFile, *textFile); err != nil {
		fmt.Fprintln(os.Stderr, "corpuscount:", err)
		os.Exit(1)
	}
}

// primary matches a finding line of the text output; related information
// lines have a tab after the position and do not match.
var primary = regexp.MustCompile(`(?m)^.+\.go:\d+:\d+: [^\t]`)

func run(w io.Writer, jsonFile, textFile string) error {
	if textFile != "" {
		data, err := os.ReadFile(textFile)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "findings in the text output: %d\n", len(primary.FindAll(data, -1)))
	}
	if jsonFile == "" {
		return nil
	}
	data, err := os.ReadFile(jsonFile)
	if err != nil {
		return err
	}
	findings, errs, err := count(data)
	if err != nil {
		return fmt.Errorf("%s: %v", jsonFile, err)
	}
	// Every check, even those without findings, then anything else that
	// reported (such as wglint's internal analyzers).
	var names []string
	for _, c := range analyzers.All {
		names = append(names, c.Analyzer.Name)
	}
	for _, name := range sortedKeys(findings) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	fmt.Fprintln(w, "findings per analyzer (-json, pkg and pkg [pkg.test] counted once):")
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %d\n", name, findings[name])
	}
	if len(errs) == 0 {
		fmt.Fprintln(w, "analysis errors (-json): none")
	} else {
		fmt.Fprintln(w, "analysis errors per analyzer (-json):")
		for _, name := range sortedKeys(errs) {
			fmt.Fprintf(w, "  %-12s %d\n", name, errs[name])
		}
	}
	return nil
}

// count returns the number of distinct findings and of analysis errors
// per analyzer.
func count(data []byte) (findings, errs map[string]int, err error) {
	type diag struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	type key struct {
		analyzer string
		diag
	}
	seen := make(map[key]bool)
	findings, errs = make(map[string]int), make(map[string]int)
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, err
		}
		for _, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []diag
				if err := json.Unmarshal(raw, &diags); err != nil {
					errs[analyzer]++ // {"error": "..."}
					continue
				}
				for _, d := range diags {
					k := key{analyzer, d}
					if !seen[k] {
						seen[k] = true
						findings[analyzer]++
					}
				}
			}
		}
	}
	return findings, errs, nil
}

func sortedKeys(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

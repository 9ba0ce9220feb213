package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"

	"github.com/wglint/wglint/internal/driver"
)

// The JSON output of standalone wglint is multichecker's (and go vet
// -json's): a tree from package ID to check name to either the list of
// findings or {"error": "..."}.

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

type jsonDiagnostic struct {
	Category       string        `json:"category,omitempty"`
	Posn           string        `json:"posn"`
	End            string        `json:"end"`
	Message        string        `json:"message"`
	SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated `json:"related,omitempty"`
}

type jsonError struct {
	Err string `json:"error"`
}

// writeJSON prints the findings (except those dropped: in excluded or
// generated files) and analysis errors of run as a JSON tree.
func writeJSON(w io.Writer, run *driver.Result, dropped func(d driver.Diagnostic) bool) error {
	tree := make(map[string]map[string]any)
	put := func(id, name string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][name] = v
	}
	diags := slices.Clone(run.Diagnostics)
	slices.SortStableFunc(diags, func(a, b driver.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Analyzer.Name, b.Analyzer.Name), cmp.Compare(a.Pos, b.Pos))
	})
	for _, d := range diags {
		fset := d.Fset
		if dropped(d) {
			continue
		}
		jd := jsonDiagnostic{
			Category: d.Category,
			Posn:     fset.Position(d.Pos).String(),
			End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
			Message:  d.Message,
		}
		for _, fix := range d.SuggestedFixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, e := range fix.TextEdits {
				start, end := fset.Position(e.Pos), fset.Position(cmp.Or(e.End, e.Pos))
				jf.Edits = append(jf.Edits, jsonEdit{Filename: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{Posn: fset.Position(r.Pos).String(), End: fset.Position(cmp.Or(r.End, r.Pos)).String(), Message: r.Message})
		}
		list, _ := tree[d.Package][d.Analyzer.Name].([]jsonDiagnostic)
		put(d.Package, d.Analyzer.Name, append(list, jd))
	}
	for _, e := range run.ActionErrors {
		put(e.Package, e.Analyzer.Name, jsonError{e.Err.Error()})
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// startProfiles starts the profiles that the debugging flags ask for and
// returns the function that writes them.
func startProfiles(cfg *config) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, f := range slices.Backward(stops) {
			f()
		}
	}
	// start opens name (if set) and starts a profile in it; end finishes
	// the profile before the file is closed.
	start := func(name string, begin func(io.Writer) error, end func(*os.File)) error {
		if name == "" {
			return nil
		}
		f, err := os.Create(name)
		if err == nil {
			err = begin(f)
		}
		if err != nil {
			if f != nil {
				f.Close()
			}
			stop()
			return err
		}
		stops = append(stops, func() { end(f); f.Close() })
		return nil
	}
	noop := func(io.Writer) error { return nil }
	if err := start(cfg.cpuprofile, pprof.StartCPUProfile, func(*os.File) { pprof.StopCPUProfile() }); err != nil {
		return nil, err
	}
	if err := start(cfg.trace, trace.Start, func(*os.File) { trace.Stop() }); err != nil {
		return nil, err
	}
	if err := start(cfg.memprofile, noop, func(f *os.File) {
		runtime.GC()
		pprof.WriteHeapProfile(f)
	}); err != nil {
		return nil, err
	}
	return stop, nil
}

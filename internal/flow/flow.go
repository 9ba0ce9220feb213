// Package flow lets a check say which goroutine each position of a
// finding belongs to, for findings that involve two goroutines or two
// paths (a lock order inversion, a race, a goroutine blocked on a channel
// its parent abandons).
//
// A check describes the finding as threads, one per goroutine, each a list
// of steps in the order they happen, and calls [Set]. Thread flows number
// the steps in one interleaving: the threads take turns, the first step of
// each thread in order, then the second steps, and so on. A check orders
// its threads, and their steps, so that this interleaving is one that
// shows the problem (for a lock order inversion: the first goroutine
// locks x, the second locks y, the first waits for y, the second for x). Set puts every step
// into the diagnostic's Related list, each with its own readable message,
// in thread order, except the steps marked Primary, which are the
// diagnostic's own position. Every driver shows that list as usual
// (standalone text, go vet, JSON, golangci-lint, nogo). Set also records,
// when [Record] is on, which related position belongs to which thread, so
// that wglint's SARIF output can write one codeFlows/threadFlows entry per
// goroutine ([Of]), which GitHub code scanning shows step by step.
//
// The record is kept in memory, keyed by the diagnostic's Related list
// itself (the address of its first element, which every copy of the
// diagnostic shares), so it needs no change to analysis.Diagnostic and
// nothing is parsed from the messages. It only works within the process
// that ran the check, which is where the SARIF writer runs; the standalone
// driver takes the record ([Take]) into its own diagnostic, which its
// result cache keeps.
package flow

import (
	"go/token"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
)

// A Step is one position of a goroutine's part in a finding.
type Step struct {
	Pos, End token.Pos // End may be NoPos
	Message  string    // what the goroutine does here, readable on its own
	// Primary marks the diagnostic's own position: the step is not added
	// to Related (its message is used only in thread flows).
	Primary bool
}

// A Thread is what one goroutine does, in order.
type Thread struct {
	Name  string // which goroutine: "the goroutine started at line 12"
	Steps []Step
}

// A Recorded thread refers to the diagnostic's positions: each step is
// the index of a related position in Diagnostic.Related, or -1 for the
// diagnostic's own position.
type Recorded struct {
	Name  string
	Steps []RecordedStep
}

// A RecordedStep is a step of a Recorded thread.
type RecordedStep struct {
	Related int    // index in Diagnostic.Related; -1: the diagnostic's position
	Message string // the step's message
}

var (
	recording atomic.Bool
	records   sync.Map // *analysis.RelatedInformation -> []Recorded
)

// Record turns the recording of threads on or off (it is off by default,
// so that drivers that do not write thread flows keep nothing).
func Record(on bool) {
	recording.Store(on)
	if !on {
		records.Clear()
	}
}

// Set sets d.Related to the steps of threads that are not Primary, in
// order, and records the threads (see [Record]).
func Set(d *analysis.Diagnostic, threads ...Thread) {
	var related []analysis.RelatedInformation
	var recorded []Recorded
	for _, t := range threads {
		r := Recorded{Name: t.Name}
		for _, s := range t.Steps {
			i := -1
			if !s.Primary {
				i = len(related)
				related = append(related, analysis.RelatedInformation{Pos: s.Pos, End: s.End, Message: s.Message})
			}
			r.Steps = append(r.Steps, RecordedStep{Related: i, Message: s.Message})
		}
		recorded = append(recorded, r)
	}
	d.Related = related
	if len(related) > 0 && recording.Load() {
		records.Store(&related[0], recorded)
	}
}

// Of returns the threads recorded for d by [Set], or nil.
func Of(d analysis.Diagnostic) []Recorded {
	if len(d.Related) == 0 {
		return nil
	}
	v, ok := records.Load(&d.Related[0])
	if !ok {
		return nil
	}
	return v.([]Recorded)
}

// Take returns the threads recorded for d by [Set], as [Of] does, and
// forgets them: a driver that keeps the threads with the diagnostic (the
// standalone driver, whose result cache stores them) takes them once, so
// that the record does not grow with the run.
func Take(d analysis.Diagnostic) []Recorded {
	if len(d.Related) == 0 {
		return nil
	}
	v, ok := records.LoadAndDelete(&d.Related[0])
	if !ok {
		return nil
	}
	return v.([]Recorded)
}

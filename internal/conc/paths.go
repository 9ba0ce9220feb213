package conc

import (
	"go/ast"

	"golang.org/x/tools/go/cfg"
)

// A Point is a place in a function's CFG: just after the node Index of
// Block. Index -1 is the start of the block.
type Point struct {
	Block *cfg.Block
	Index int
}

// Entry returns the point before the function's first node.
func (f *Func) Entry() Point { return Point{Block: f.CFG.Blocks[0], Index: -1} }

// After returns the point just after the event.
func (e *Event) After() Point { return Point{Block: e.Block, Index: e.Index} }

// Before returns the point just before the event's CFG node.
func (e *Event) Before() Point { return Point{Block: e.Block, Index: e.Index - 1} }

// search explores the paths that start at p, in CFG order. For every event
// on a path it calls visit, which says whether the path stops there. When a
// path reaches a return, exit is called with the return statement and the
// path's state; exit returning true ends the search. The state is a small
// integer that visit may change (for example "has slept"); paths are
// explored once per (block, state).
func (f *Func) search(p Point, visit func(e *Event, state int) (stop bool, next int), exit func(ret *ast.ReturnStmt, state int) bool) {
	f.searchSkipping(p, nil, visit, exit)
}

// searchSkipping is search that does not follow the edges for which skip
// returns true.
func (f *Func) searchSkipping(p Point, skip func(from, to *cfg.Block) bool, visit func(e *Event, state int) (stop bool, next int), exit func(ret *ast.ReturnStmt, state int) bool) {
	type item struct {
		b     *cfg.Block
		from  int // events with Index > from are on the path
		state int
	}
	// Paths are explored once per (block, state). Most searches use state
	// 0 only: a slice indexed by block is much cheaper than a map there
	// (this search runs once per event in some checks, so it dominates
	// the time spent on long functions); other states use the map.
	seen0 := make([]bool, len(f.CFG.Blocks))
	var seen map[[2]int]bool
	work := []item{{p.Block, p.Index, 0}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		state := it.state
		stopped := false
		for _, e := range f.byBlock[it.b] {
			if e.Index <= it.from {
				continue
			}
			if e.Kind == Exit {
				stopped = true // the path ends here without returning
				break
			}
			var stop bool
			stop, state = visit(e, state)
			if stop {
				stopped = true
				break
			}
		}
		if stopped {
			continue
		}
		if ret := it.b.Return(); ret != nil {
			if exit(ret, state) {
				return
			}
			continue
		}
		for _, s := range it.b.Succs {
			if !s.Live || skip != nil && skip(it.b, s) {
				continue
			}
			if state == 0 {
				if seen0[s.Index] {
					continue
				}
				seen0[s.Index] = true
			} else {
				key := [2]int{int(s.Index), state}
				if seen[key] {
					continue
				}
				if seen == nil {
					seen = make(map[[2]int]bool)
				}
				seen[key] = true
			}
			work = append(work, item{s, -1, state})
		}
	}
}

// FirstExit returns a return statement reachable from p on a path that
// passes no event for which stop is true, or nil if every path from p
// stops (or never returns).
func (f *Func) FirstExit(p Point, stop func(*Event) bool) *ast.ReturnStmt {
	var found *ast.ReturnStmt
	f.search(p,
		func(e *Event, st int) (bool, int) { return stop(e), st },
		func(ret *ast.ReturnStmt, _ int) bool { found = ret; return true })
	return found
}

// ExitVia is like FirstExitAssumingLoops, but only counts paths that pass an event for
// which via is true before they return; it returns the first such event of
// the path too.
func (f *Func) ExitVia(p Point, stop, via func(*Event) bool) (*Event, *ast.ReturnStmt) {
	var found *ast.ReturnStmt
	var witness *Event
	var witnesses []*Event // state k>0 is witnesses[k-1]
	f.searchSkipping(p, f.loopExitWith(stop),
		func(e *Event, st int) (bool, int) {
			if stop(e) {
				return true, st
			}
			if st == 0 && via(e) {
				witnesses = append(witnesses, e)
				return false, len(witnesses)
			}
			return false, st
		},
		func(ret *ast.ReturnStmt, st int) bool {
			if st == 0 {
				return false
			}
			found, witness = ret, witnesses[st-1]
			return true
		})
	return witness, found
}

// Reaches returns the first event for which target is true on a path from
// p that passes no event for which stop is true (stop is checked after
// target), or nil.
func (f *Func) Reaches(p Point, target, stop func(*Event) bool) *Event {
	var found *Event
	f.search(p,
		func(e *Event, st int) (bool, int) {
			if found != nil {
				return true, st
			}
			if target(e) {
				found = e
				return true, st
			}
			return stop != nil && stop(e), st
		},
		func(*ast.ReturnStmt, int) bool { return found != nil })
	return found
}

// InLoop reports whether the event can run again after itself (it lies in
// a loop of its function).
func (f *Func) InLoop(e *Event) bool {
	return f.Reaches(e.After(), func(x *Event) bool { return x == e }, nil) != nil
}

// loopExitWith reports, for the edge from a loop's head to the block after
// the loop, whether the loop's body contains an event for which pred is
// true; such an edge is skipped by searches that assume that a loop that
// waits runs at least once.
func (f *Func) loopExitWith(pred func(*Event) bool) func(from, to *cfg.Block) bool {
	return func(from, to *cfg.Block) bool {
		var body *ast.BlockStmt
		switch from.Kind {
		case cfg.KindRangeLoop:
			if to.Kind != cfg.KindRangeDone {
				return false
			}
			body = from.Stmt.(*ast.RangeStmt).Body
		case cfg.KindForLoop:
			if to.Kind != cfg.KindForDone {
				return false
			}
			body = from.Stmt.(*ast.ForStmt).Body
		default:
			return false
		}
		for _, e := range f.Events {
			if e.Node.Pos() >= body.Pos() && e.Node.End() <= body.End() && pred(e) {
				return true
			}
		}
		return false
	}
}

// FirstExitAssumingLoops is FirstExit, assuming that every loop whose body
// has an event for which stop is true runs at least once: a loop that
// receives one result per goroutine started by an earlier loop over the
// same elements is a join even though, for an empty list, it would not run.
func (f *Func) FirstExitAssumingLoops(p Point, stop func(*Event) bool) *ast.ReturnStmt {
	var found *ast.ReturnStmt
	f.searchSkipping(p, f.loopExitWith(stop),
		func(e *Event, st int) (bool, int) { return stop(e), st },
		func(ret *ast.ReturnStmt, _ int) bool { found = ret; return true })
	return found
}

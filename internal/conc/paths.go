package conc

import (
	"go/ast"
	"slices"
	"sync"

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
// explored once per (block, state). It reports whether the search was
// complete (see searchEntering).
func (f *Func) search(p Point, visit func(e *Event, state int) (stop bool, next int), exit func(ret *ast.ReturnStmt, state int) bool) bool {
	return f.searchEntering(p, nil, visit, exit, nil)
}

// searchSkipping is search that does not follow the edges for which skip
// returns true.
func (f *Func) searchSkipping(p Point, skip func(from, to *cfg.Block) bool, visit func(e *Event, state int) (stop bool, next int), exit func(ret *ast.ReturnStmt, state int) bool) bool {
	return f.searchEntering(p, skip, visit, exit, nil)
}

// SearchBudget is the number of (block, state) pairs a path search may
// visit. A search whose state stays 0 visits each block at most once; one
// that counts or remembers something visits each block once per state,
// and the states of every search come from a finite domain, so every
// search ends. The budget bounds the product: a function with thousands of
// blocks and a state with hundreds of values gives up rather than take
// seconds and hundreds of megabytes. A search that reaches it stops, says
// so to its caller (which then says nothing about the function), and
// counts it in the model (Model.Exhausted).
const SearchBudget = 1 << 20

// searchEntering explores the paths from p like search, following no edge
// for which skip (when not nil) returns true, and calling enter (when not
// nil) each time a path enters a block from its start, before the block's
// events; enter may stop the path or change its state. It returns false
// when the search stopped at SearchBudget before it was done.
func (f *Func) searchEntering(p Point, skip func(from, to *cfg.Block) bool, visit func(e *Event, state int) (stop bool, next int), exit func(ret *ast.ReturnStmt, state int) bool, enter func(b *cfg.Block, state int) (stop bool, next int)) bool {
	var skipState func(from, to *cfg.Block, state int) bool
	if skip != nil {
		skipState = func(from, to *cfg.Block, _ int) bool { return skip(from, to) }
	}
	return f.searchEdges(p, skipState, visit, exit, enter)
}

// searchEdges is searchEntering with a skip predicate that also gets the
// state of the path that would follow the edge.
func (f *Func) searchEdges(p Point, skip func(from, to *cfg.Block, state int) bool, visit func(e *Event, state int) (stop bool, next int), exit func(ret *ast.ReturnStmt, state int) bool, enter func(b *cfg.Block, state int) (stop bool, next int)) bool {
	// Paths are explored once per (block, state, knowledge). Most
	// searches use state 0 only, in functions that test no condition
	// twice: a slice indexed by block is much cheaper than a map there
	// (this search runs once per event in some checks, so it dominates
	// the time spent on long functions); other states use the map.
	sc := searchScratchPool.Get().(*searchScratch)
	defer sc.release()
	sc.seen0 = slices.Grow(sc.seen0[:0], len(f.CFG.Blocks))[:len(f.CFG.Blocks)]
	seen0 := sc.seen0
	br := f.branches
	var know knowledge
	if br != nil {
		know = br.at(p)
	}
	sc.work = append(sc.work[:0], searchItem{p.Block, p.Index, 0, know})
	steps := 0
	push := func(s *cfg.Block, state int, know knowledge) {
		if state == 0 && know == 0 {
			if seen0[s.Index] {
				return
			}
			seen0[s.Index] = true
		} else {
			k := searchKey{s.Index, know, state}
			if sc.seen[k] {
				return
			}
			if sc.seen == nil {
				sc.seen = make(map[searchKey]bool)
			}
			sc.seen[k] = true
		}
		sc.work = append(sc.work, searchItem{s, -1, state, know})
	}
	for len(sc.work) > 0 {
		if steps++; steps > SearchBudget {
			f.exhausted.Add(1)
			return false
		}
		it := sc.work[len(sc.work)-1]
		sc.work = sc.work[:len(sc.work)-1]
		state := it.state
		stopped := false
		if enter != nil && it.from == -1 {
			stopped, state = enter(it.b, state)
		}
		for _, e := range f.byBlock[it.b.Index] {
			if stopped {
				break
			}
			// Events at index -1 happen on entering the block (the
			// variables of a range loop): a path that starts inside it
			// has passed them.
			if e.Index <= it.from && (e.Index >= 0 || it.from >= 0) {
				continue
			}
			if e.Kind == Exit {
				stopped = true // the path ends here without returning
				break
			}
			stopped, state = visit(e, state)
		}
		if stopped {
			continue
		}
		if ret := it.b.Return(); ret != nil {
			if exit(ret, state) {
				return true
			}
			continue
		}
		if br == nil {
			for _, s := range it.b.Succs {
				if s.Live && (skip == nil || !skip(it.b, s, state)) {
					push(s, state, 0)
				}
			}
			continue
		}
		br.succs(it.b, br.transfer(it.b, it.from, it.know), func(s *cfg.Block, k knowledge) {
			if s.Live && (skip == nil || !skip(it.b, s, state)) {
				push(s, state, k)
			}
		})
	}
	return true
}

// A searchItem is a path of searchEdges still to explore: from block b,
// the events with Index > from.
type searchItem struct {
	b     *cfg.Block
	from  int
	state int
	know  knowledge // what the branches taken say of the conditions of f.branches
}

type searchKey struct {
	block int32
	know  knowledge
	state int
}

// A searchScratch holds the work list and visited sets of a path search,
// kept for the next search (there are millions on a giant package, most
// over a few blocks): the memory is allocated once per goroutine that
// searches, not once per search. A search inside a callback of another
// gets a scratch of its own.
type searchScratch struct {
	work  []searchItem
	seen  map[searchKey]bool
	seen0 []bool
}

var searchScratchPool = sync.Pool{New: func() any { return new(searchScratch) }}

// maxKeptScratch bounds what a pooled scratch (of a path search, or of
// Memory.export) keeps for its next use: a visited map or a list that
// grew past it is dropped (clearing a large map costs its size at every
// use).
const maxKeptScratch = 1 << 12

func (sc *searchScratch) release() {
	if len(sc.seen) > maxKeptScratch {
		sc.seen = nil
	} else {
		clear(sc.seen)
	}
	if cap(sc.work) > maxKeptScratch {
		sc.work = nil
	}
	if cap(sc.seen0) > maxKeptScratch {
		sc.seen0 = nil
	} else {
		clear(sc.seen0)
	}
	searchScratchPool.Put(sc)
}

// Exhausted reports how many path searches over f stopped at SearchBudget.
func (f *Func) Exhausted() int { return int(f.exhausted.Load()) }

// Search explores the paths from p in CFG order, with a state that visit
// may change at each event (and that stops the path when visit says so);
// exit is called at each return reached, with the path's state, and ends
// the search when it returns true. The state must come from a small finite
// domain: paths are explored once per (block, state). It returns false
// when the search stopped at SearchBudget before it was done.
func (f *Func) Search(p Point, visit func(e *Event, state int) (stop bool, next int), exit func(ret *ast.ReturnStmt, state int) bool) bool {
	return f.search(p, visit, exit)
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
	complete := f.searchSkipping(p, f.loopExitWith(stop),
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
	if !complete {
		return nil, nil // too many paths: say nothing
	}
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

// ReachableEvents returns the events on the paths from p that pass no
// event for which stop is true (an event for which stop is true is
// included, and its path ends there), each once, in the order a search
// meets them: the first of them for which a predicate holds is what
// Reaches(p, pred, stop) returns. One call answers what would otherwise
// be one search per predicate.
func (f *Func) ReachableEvents(p Point, stop func(*Event) bool) []*Event {
	var out []*Event
	seen := make(map[*Event]bool)
	f.search(p,
		func(e *Event, st int) (bool, int) {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
			return stop != nil && stop(e), st
		},
		func(*ast.ReturnStmt, int) bool { return false })
	return out
}

// InLoop reports whether the event can run again after itself (it lies in
// a loop of its function): some path from just after it comes back to it.
// A path ends at a return and at a call that never returns (an Exit
// event), so an event in a block with an Exit event, or in a block that
// returns, is in no loop. The answer for every event comes from one pass
// over the CFG (its strongly connected components), computed once.
func (f *Func) InLoop(e *Event) bool {
	f.loopOnce.Do(f.findLoops)
	return f.inLoop[e.Block.Index]
}

// findLoops sets f.inLoop: for each block, whether a path that leaves it
// can come back to it through blocks that a path can pass (live, with no
// Exit event, not a return).
func (f *Func) findLoops() {
	blocks := f.CFG.Blocks
	passable := make([]bool, len(blocks))
	for i, b := range blocks {
		passable[i] = b.Live && b.Return() == nil
	}
	for _, e := range f.Events {
		if e.Kind == Exit {
			passable[e.Block.Index] = false
		}
	}
	// Tarjan's algorithm over the passable blocks, iteratively.
	index := make([]int32, len(blocks)) // 0: not visited; else order+1
	low := make([]int32, len(blocks))
	onStack := make([]bool, len(blocks))
	var stack []int32
	f.inLoop = make([]bool, len(blocks))
	next := int32(1)
	type frame struct {
		v    int32
		succ int
	}
	for root := range blocks {
		if !passable[root] || index[root] != 0 {
			continue
		}
		calls := []frame{{int32(root), 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, int32(root))
		onStack[root] = true
		for len(calls) > 0 {
			top := &calls[len(calls)-1]
			v := top.v
			succs := blocks[v].Succs
			if top.succ < len(succs) {
				w := succs[top.succ].Index
				top.succ++
				if w == v {
					f.inLoop[v] = true // a self loop
				}
				if !passable[w] {
					continue
				}
				if index[w] == 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, 0})
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				if u := calls[len(calls)-1].v; low[v] < low[u] {
					low[u] = low[v]
				}
			}
			if low[v] == index[v] {
				// v is the root of a component: pop it.
				n := 0
				for i := len(stack) - 1; ; i-- {
					n++
					if stack[i] == v {
						break
					}
				}
				comp := stack[len(stack)-n:]
				stack = stack[:len(stack)-n]
				for _, w := range comp {
					onStack[w] = false
					if n > 1 {
						f.inLoop[w] = true
					}
				}
			}
		}
	}
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

// PointAfter returns the point just after the CFG node of f that contains
// n, a node of f's own body (not of a function literal in it), and false
// when no live block holds it.
func (f *Func) PointAfter(n ast.Node) (Point, bool) {
	for _, b := range f.CFG.Blocks {
		if !b.Live {
			continue
		}
		for i, x := range b.Nodes {
			if x.Pos() <= n.Pos() && n.End() <= x.End() {
				return Point{Block: b, Index: i}, true
			}
		}
	}
	return Point{}, false
}

package conc

import (
	"go/ast"
	"go/types"
	"strings"
)

// isMutexMethod reports whether fn is one of the named methods of
// sync.Mutex or sync.RWMutex.
func isMutexMethod(fn *types.Func, names ...string) bool {
	return IsMethod(fn, "sync", "Mutex", names...) || IsMethod(fn, "sync", "RWMutex", names...)
}

// IsMutex reports whether t is sync.Mutex or sync.RWMutex.
func IsMutex(t types.Type) bool { return IsNamed(t, "sync", "Mutex") || IsNamed(t, "sync", "RWMutex") }

// MentionsLock reports whether a value of type t is, points to or contains
// (by value) a sync.Mutex or sync.RWMutex.
func MentionsLock(t types.Type) bool {
	_, ok := ContainsByValue(deref(t), IsMutex)
	return ok
}

// IsLockOp reports whether e locks (Lock, RLock, or a call that returns
// holding the lock) the mutex at r, in either mode.
func IsLockOp(e *Event, r Ref) bool { return e.Kind == Lock && e.Ref == r }

// IsUnlockOp reports whether e releases the mutex at r, or may: Unlock,
// RUnlock, a call that releases it, a method value of Unlock.
func IsUnlockOp(e *Event, r Ref) bool {
	return (e.Kind == Unlock || e.Kind == UnlockValue) && e.Ref == r
}

// Reassigns reports whether e gives a new value to the variable through
// which r is reached: after it, r names another mutex.
// An Assign whose Ref has a path (m[k] = v on the map s.m) reassigns only
// what is reached through the map's elements (s.m[k].mu).
func Reassigns(e *Event, r Ref) bool {
	if e.Kind != Assign || e.Ref.Root != r.Root {
		return false
	}
	return e.Ref.Path == "" || strings.HasPrefix(r.Path, e.Ref.Path+"[")
}

// lockEffect returns what f does to the mutex at r, computed once.
func lockEffect(f *Func, r Ref) LockEffect {
	return lockEffectOn(f, r, f.Events)
}

// lockEffectOn is lockEffect, given events: the events of f on r's root,
// or more (all of f's), in order.
func lockEffectOn(f *Func, r Ref, events []*Event) LockEffect {
	return f.locks.get(r, func() LockEffect { return computeLockEffect(f, r, events) })
}

// computeLockEffect computes what f does to the mutex at r; events holds
// the events of f on r's root, in order, and maybe others.
func computeLockEffect(f *Func, r Ref, events []*Event) LockEffect {
	var l LockEffect
	var hasW, hasR, unlocksW, unlocksR, deferredUnlock bool
	for _, e := range events {
		if e.Ref != r {
			continue
		}
		switch e.Kind {
		case Lock, LockCall:
			if l.SomeDepth == 0 || !e.Indirect {
				l.SomeDepth = 1
				if e.Indirect {
					l.SomeDepth = 2
				}
			}
		}
		switch e.Kind {
		case Lock:
			if e.Read {
				hasR = true
			} else {
				hasW = true
			}
		case LockCall:
			if e.Read {
				hasR = true
			} else {
				hasW = true
			}
		case Unlock, UnlockValue:
			if e.Read {
				unlocksR = true
			} else {
				unlocksW = true
			}
			if e.Deferred || e.Kind == UnlockValue {
				deferredUnlock = true
			}
		}
	}
	if !hasW && !hasR && !unlocksW && !unlocksR {
		for _, e := range events {
			if e.Kind == SomeLock && e.Ref == r {
				l.Sometimes = true // through a callee
				if d := e.Depth + 1; e.Depth > 0 && (l.SomeDepth == 0 || d < l.SomeDepth) {
					l.SomeDepth = d
				}
			}
		}
		return l
	}
	l.Sometimes = hasW || hasR
	entry := f.Entry()
	if f.FirstExit(entry, func(*Event) bool { return false }) == nil {
		return l // never returns normally: "on every path" would hold vacuously
	}
	isLock := func(e *Event) bool {
		return (e.Kind == Lock || e.Kind == TryLock || e.Kind == LockCall) && e.Ref == r
	}
	if unlocksW || unlocksR {
		// Does it unlock a lock its caller holds (before locking it)?
		var releasing []*Event
		f.search(entry, func(e *Event, st int) (bool, int) {
			if e.Kind == Unlock && e.Ref == r && !e.Deferred {
				releasing = append(releasing, e)
				return true, st
			}
			return isLock(e), st
		}, func(*ast.ReturnStmt, int) bool { return false })
		if len(releasing) > 0 {
			// An unlock helper; if it locks again, in the same mode,
			// before every return (wait with the lock released), the
			// caller sees no change.
			relocks := true
			for _, u := range releasing {
				sameMode := func(e *Event) bool { return isLock(e) && e.Read == u.Read }
				if f.FirstExit(u.After(), sameMode) != nil {
					relocks = false
				}
			}
			l.Releases = !relocks
			l.Relocks = relocks
			return l
		}
	}
	// lockedOnEveryPath reports whether every path takes the lock; with
	// held, by a Lock that it keeps (not a call that locks and unlocks).
	lockedOnEveryPath := func(read, held bool) bool {
		return f.FirstExit(entry, func(e *Event) bool {
			return (e.Kind == Lock || !held && e.Kind == LockCall) && e.Ref == r && e.Read == read && !e.Deferred
		}) == nil
	}
	if hasW && lockedOnEveryPath(false, false) {
		l.Acquires = true
		l.ReturnsLocked = !unlocksW && !deferredUnlock && lockedOnEveryPath(false, true)
	}
	if hasR && lockedOnEveryPath(true, false) {
		l.RAcquires = true
		l.ReturnsRLocked = !unlocksR && !deferredUnlock && lockedOnEveryPath(true, true)
	}
	if hasW && hasR && !l.Acquires && !l.RAcquires && !unlocksW && !unlocksR && !deferredUnlock {
		// Each path keeps a Lock of one mode or the other.
		l.ReturnsHeld = f.FirstExit(entry, func(e *Event) bool {
			return e.Kind == Lock && e.Ref == r && !e.Deferred
		}) == nil
	}
	return l
}

// Releases returns the predicate of events after which the mutex at r is
// no longer known to be held by the path: a (non-deferred) unlock, a method
// value of Unlock that may be called anywhere, or a new value for the
// variable through which r is reached.
//
// A call that may run code the model does not see, or one of several
// functions, and that may unlock the mutex (MayRelease) counts too: what
// the path holds after it is not known, and a check whose verdict depends
// on it says nothing.
func Releases(r Ref) func(*Event) bool {
	return func(e *Event) bool {
		return (e.Kind == Unlock && !e.Deferred || e.Kind == UnlockValue) && e.Ref == r || Reassigns(e, r) || !e.Deferred && MayRelease(e, r)
	}
}

// Acquisitions returns the events of f that take a mutex and may block:
// Lock, RLock, calls that return holding a lock, and calls that lock and
// unlock (LockCall), except deferred ones.
func Acquisitions(f *Func) []*Event {
	var out []*Event
	for _, e := range f.Events {
		if (e.Kind == Lock || e.Kind == LockCall) && !e.Deferred {
			out = append(out, e)
		}
	}
	return out
}

// LockName renders a lock event's mutex for messages, such as "s.mu" or
// "s.mu (read lock)".
func LockName(e *Event) string {
	if e.Read {
		return e.Ref.String() + " (read lock)"
	}
	return e.Ref.String()
}

// HandedOff reports whether the mutex at r is passed between goroutines in
// f: f, a goroutine it starts, or the function that started f (when f is a
// goroutine's literal) lock and unlock it in an unbalanced way (one locks,
// another unlocks), so that its state cannot be followed along f's paths.
func (m *Model) HandedOff(f *Func, r Ref) bool {
	return f.handed.get(r, func() bool { return m.handedOff(f, r) })
}

func (m *Model) handedOff(f *Func, r Ref) bool {
	// A goroutine started with a named function (go s.resetAndUnlock())
	// that unlocks the mutex, or returns holding it, takes it over.
	for _, e := range f.Events {
		if e.Kind != Launch || e.Launch.Lit != nil {
			continue
		}
		for _, ge := range m.Goroutine(f, e).Effects {
			if ge.Ref == r && (ge.Effect.Lock.Releases || ge.Effect.Lock.ReturnsLocked || ge.Effect.Lock.ReturnsRLocked) {
				return true
			}
		}
	}
	group := []*Func{f}
	if p := m.goParent[f]; p != nil {
		group = append(group, p)
	}
	for _, g := range group {
		m.ensureEvents(g)
		for _, e := range g.Events {
			if e.Kind == Launch && e.Launch.Lit != nil && e.Launch.Body != nil {
				group = append(group, e.Launch.Body)
			}
		}
	}
	if len(group) == 1 {
		return false
	}
	shared := 0
	unbalanced := false
	for _, g := range group {
		touches := false
		for _, e := range g.Events {
			if e.Ref.Root == r.Root && e.Ref.Path == r.Path && (e.Kind == Lock || e.Kind == Unlock || e.Kind == LockCall || e.Kind == TryLock) {
				touches = true
				break
			}
		}
		if !touches {
			continue
		}
		shared++
		l := lockEffect(g, r)
		if l.Releases || neverUnlocks(g, r) {
			unbalanced = true
		}
	}
	return shared > 1 && unbalanced
}

// neverUnlocks reports whether g locks r and has no unlock of it.
func neverUnlocks(g *Func, r Ref) bool {
	locks := false
	for _, e := range g.Events {
		if e.Ref != r {
			continue
		}
		switch e.Kind {
		case Lock:
			locks = true
		case Unlock, UnlockValue:
			return false
		}
	}
	return locks
}

// IsGoroutineBody reports whether f is the literal of a goroutine started
// in this package.
func (m *Model) IsGoroutineBody(f *Func) bool { return m.goParent[f] != nil }

// GoParent returns the function that starts the goroutine literal f, or
// nil.
func (m *Model) GoParent(f *Func) *Func { return m.goParent[f] }

// ReleasesCallerLock reports whether f unlocks the mutex at r before it
// locks it on some path: it works on a lock its caller holds (it may
// release it for a while, or hand it over), so its own returns cannot be
// judged.
func ReleasesCallerLock(f *Func, r Ref) bool {
	return f.Reaches(f.Entry(), func(e *Event) bool {
		return e.Kind == Unlock && e.Ref == r && !e.Deferred
	}, func(e *Event) bool {
		return (e.Kind == Lock || e.Kind == TryLock || e.Kind == LockCall) && e.Ref == r
	}) != nil
}

package conc

import (
	"go/ast"
	"go/types"
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
func Reassigns(e *Event, r Ref) bool { return e.Kind == Assign && e.Ref.Root == r.Root }

// lockEffect computes what f does to the mutex at r.
func lockEffect(f *Func, r Ref) LockEffect {
	var l LockEffect
	var hasW, hasR, unlocksW, unlocksR, deferredUnlock bool
	for _, e := range f.Events {
		if e.Ref != r {
			continue
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
		return l
	}
	entry := f.Entry()
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
			// An unlock helper; if it locks again before every return
			// (wait with the lock released), the caller sees no change.
			relocks := true
			for _, u := range releasing {
				if f.FirstExit(u.After(), isLock) != nil {
					relocks = false
				}
			}
			l.Releases = !relocks
			return l
		}
	}
	lockedOnEveryPath := func(read bool) bool {
		return f.FirstExit(entry, func(e *Event) bool {
			return (e.Kind == Lock || e.Kind == LockCall) && e.Ref == r && e.Read == read && !e.Deferred
		}) == nil
	}
	if hasW && lockedOnEveryPath(false) {
		l.Acquires = true
		l.ReturnsLocked = !unlocksW && !deferredUnlock
	}
	if hasR && lockedOnEveryPath(true) {
		l.RAcquires = true
		l.ReturnsRLocked = !unlocksR && !deferredUnlock
	}
	return l
}

// Releases returns the predicate of events after which the mutex at r is
// no longer known to be held by the path: a (non-deferred) unlock, a method
// value of Unlock that may be called anywhere, or a new value for the
// variable through which r is reached.
func Releases(r Ref) func(*Event) bool {
	return func(e *Event) bool {
		return (e.Kind == Unlock && !e.Deferred || e.Kind == UnlockValue) && e.Ref == r || Reassigns(e, r)
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

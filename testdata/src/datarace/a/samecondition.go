package a

import "sync"

// A goroutine started on one side of a test, and a write on the other
// side of the same unchanged test: the two never run together.

type values []int

func (d *values) reset() { *d = (*d)[:0] }

type hctx struct {
	vals values
	hook func(*hctx)
}

func (c *hctx) reset() { c.vals.reset() }

func handle(c *hctx, h func(*hctx)) {
	h(c)
	c.reset()
}

func serveOne(hooks []func(*hctx)) {
	c := &hctx{}
	var hook func(*hctx)
	for _, h := range hooks {
		hook = h
		if hook != nil {
			go handle(c, hook)
			break
		}
	}
	if hook == nil {
		c.reset() // ok: only when no goroutine was started
	}
}

// serveBoth resets on both sides.
func serveBoth(hooks []func(*hctx), again bool) {
	c := &hctx{}
	var hook func(*hctx)
	for _, h := range hooks {
		hook = h
		if hook != nil {
			go handle(c, hook) // want `\*c.vals is assigned \(in handle\) by the goroutine started at line 46`
			break
		}
	}
	if hook == nil || again {
		c.reset() // want `\*c.vals is assigned \(in reset\) by serveBoth`
	}
}

// A package map written under the same test of an option field that
// guarded the lock: the lock is held at the write.

type shareOpts struct{ noShare bool }

var (
	schemasMu sync.Mutex
	schemas   = map[string]string{}
)

func schemaFor(key string, opts *shareOpts) string {
	if !opts.noShare {
		schemasMu.Lock()
		defer schemasMu.Unlock()
		if s := schemas[key]; s != "" {
			return s
		}
	}
	s := "schema_" + key
	if !opts.noShare {
		schemas[key] = s // ok: schemasMu is held on this side of the test
	}
	return s
}

func schemasInParallel(keys []string) {
	opts := &shareOpts{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			schemaFor(k, opts)
		}()
	}
	wg.Wait()
}

func schemaForUnlocked(key string, opts *shareOpts) string {
	if !opts.noShare {
		schemasMu.Lock()
		if s := schemas[key]; s != "" {
			schemasMu.Unlock()
			return s
		}
		schemasMu.Unlock()
	}
	s := "schema_" + key
	if !opts.noShare {
		schemas[key] = s
	}
	return s
}

func schemasInParallelUnlocked(keys []string) {
	opts := &shareOpts{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			schemaForUnlocked(k, opts) // want `map schemas is written \(in schemaForUnlocked\) by every goroutine started at line`
		}()
	}
	wg.Wait()
}

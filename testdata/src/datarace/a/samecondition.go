package a

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
			go handle(c, hook) // want `\*c.vals is assigned \(in handle\) by the goroutine started at line 44`
			break
		}
	}
	if hook == nil || again {
		c.reset() // want `\*c.vals is assigned \(in reset\) by serveBoth`
	}
}

// False alarm (datarace): the goroutine starts on one branch of a test and
// the conflicting write is on the other branch of the same unchanged test
// (fasthttp server.go:3014 and 3089).
package samecondition

type userData []any

func (d *userData) Reset() { *d = (*d)[:0] }

type request struct{ userValues userData }

type ctx struct {
	req    request
	hijack func(*ctx)
}

func releaseCtx(c *ctx) { c.req.userValues.Reset() }

func hijackConnHandler(c *ctx, h func(*ctx)) {
	h(c)
	releaseCtx(c)
}

func serveConn(hijacks []func(*ctx)) {
	c := &ctx{}
	var hijack func(*ctx)
	for _, h := range hijacks {
		c.hijack = h
		hijack = c.hijack
		c.hijack = nil
		if hijack != nil {
			go hijackConnHandler(c, hijack)
			break
		}
	}
	if hijack == nil {
		releaseCtx(c)
	}
}

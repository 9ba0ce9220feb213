package a

// A struct converted to another named type with the same fields: the
// close happens under the other type's name, through the conversion.
type transport struct {
	closeQueue chan int
}

type handlerMap transport

func (t *transport) run() {
	<-t.closeQueue // ok: handlerMap's close reaches it through the conversion
}

func (h *handlerMap) shutdown() { close(h.closeQueue) }

func stopTransport(t *transport) { (*handlerMap)(t).shutdown() }

// The twin: no conversion, and nothing sends on or closes the channel.
type endpoint struct {
	closeQueue chan int
}

func (e *endpoint) run() {
	<-e.closeQueue // want `receives from e.closeQueue, which no code of the package sends on or closes`
}

package line

import "testing"

func TestSameLine(t *testing.T) {
	go func() { t.Log(Work()) }() //wglint:ignore unjoinedgo the log line is optional; losing it is fine
}

func TestLineAbove(t *testing.T) {
	//wglint:ignore unjoinedgo the log line is optional; losing it is fine
	go func() { // ok: suppressed by the directive above
		t.Log(Work())
	}()
}

func TestTwoLinesAbove(t *testing.T) {
	/* want `directive suppresses no unjoinedgo finding on this line or the next; remove it` */ //wglint:ignore unjoinedgo a directive covers its own line and the next only
	err := Work()
	go func() { // want `goroutine uses t and may still be running when TestTwoLinesAbove returns`
		t.Log(err)
	}()
}

func TestInsideTheLiteral(t *testing.T) {
	go func() { // want `goroutine uses t and may still be running when TestInsideTheLiteral returns`
		/* want `directive suppresses no unjoinedgo finding` */ //wglint:ignore unjoinedgo not the line of the finding
		t.Log(Work())
	}()
}

func TestOtherCheck(t *testing.T) {
	//wglint:ignore sleepjoin names another check, so it does not silence unjoinedgo
	go func() { // want `goroutine uses t and may still be running when TestOtherCheck returns`
		t.Log(Work())
	}()
}

func TestSeveralChecks(t *testing.T) {
	//wglint:ignore sleepjoin,unjoinedgo the log line is optional; losing it is fine
	go func() { // ok: unjoinedgo is one of the named checks
		t.Log(Work())
	}()
}

func TestTwoDirectives(t *testing.T) {
	//wglint:ignore unjoinedgo the first directive that matches is the one used
	go func() { t.Log(Work()) }() /* want `directive suppresses no unjoinedgo finding` */ //wglint:ignore unjoinedgo redundant
}

func TestJoined(t *testing.T) {
	done := make(chan struct{})
	/* want `directive suppresses no unjoinedgo finding` */ //wglint:ignore unjoinedgo there is nothing to suppress here
	go func() {
		defer close(done)
		t.Log(Work())
	}()
	<-done
}

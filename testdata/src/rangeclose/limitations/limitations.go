// Package limitations records what rangeclose does not report.
package limitations

type pipe struct{ out chan int }

// A channel in a field may be closed by any method: not followed.
func (p *pipe) drain() int {
	sum := 0
	for v := range p.out { // ok: never closed, but p.out is a field
		sum += v
	}
	return sum
}

// A channel handed to a function value may be closed there.
func handed(start func(chan int)) int {
	ch := make(chan int)
	start(ch)
	sum := 0
	for v := range ch { // ok: start may close it
		sum += v
	}
	return sum
}

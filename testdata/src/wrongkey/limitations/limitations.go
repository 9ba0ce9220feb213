// Package limitations records what wrongkey does not report.
package limitations

// The channel is a field: only local channels are followed.
type pool struct{ results chan int }

func (p *pool) run(ids []int) map[int]int {
	for _, id := range ids {
		go func() { p.results <- id }()
	}
	m := make(map[int]int)
	for _, id := range ids {
		m[id] = <-p.results // ok: the same mistake, not reported (field channel)
	}
	return m
}

// The second loop is over a copy of the collection.
func copied(ids []int) map[int]int {
	ch := make(chan int, len(ids))
	for _, id := range ids {
		go func() { ch <- id }()
	}
	again := ids
	m := make(map[int]int)
	for _, id := range again {
		m[id] = <-ch // ok: the same mistake, not reported (another variable)
	}
	return m
}

package fix

import "sync"

var total int

func add(mu sync.Mutex, n int) { // want `parameter mu receives a copy of a sync.Mutex`
	mu.Lock()
	defer mu.Unlock()
	total += n
}

func use() {
	var mu sync.Mutex
	add(mu, 1) // want `call of add passes a copy of the sync.Mutex mu`
	add(mu, 2) // want `call of add passes a copy of the sync.Mutex mu`
}

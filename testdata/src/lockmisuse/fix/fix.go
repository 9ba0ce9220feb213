// The defer fix of deferred-lock findings, and findings that get none.
package fix

import "sync"

type Cache struct {
	mu sync.Mutex
	rw sync.RWMutex
	m  map[string]string
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Lock() // want `deferred c.mu.Lock locks c.mu again when the function returns`
	c.m[k] = v
}

func (c *Cache) Get(k string) string {
	c.rw.RLock()
	defer c.rw.RLock() // want `deferred c.rw.RLock locks c.rw again when the function returns.*did you mean defer c.rw.RUnlock\(\)\?`
	return c.m[k]
}

func (c *Cache) Branches(k, v string, fast bool) {
	if fast {
		c.mu.Lock()
	} else {
		c.mu.Lock()
		c.m[k] = ""
	}
	defer c.mu.Lock() // want `deferred c.mu.Lock locks c.mu again`
	c.m[k] = v
}

// No fix: on one path c.mu is not locked where the Lock is deferred.
func (c *Cache) Maybe(k, v string, lock bool) {
	if lock {
		c.mu.Lock()
	}
	defer c.mu.Lock() // want `deferred c.mu.Lock locks c.mu again`
	c.m[k] = v
}

// No fix: unlocked on the way, so locking again at return may be meant.
func (c *Cache) Relock(k, v string, early bool) {
	c.mu.Lock()
	if early {
		c.mu.Unlock()
	}
	defer c.mu.Lock() // want `deferred c.mu.Lock locks c.mu again`
	c.m[k] = v
}

func (c *Cache) SetOK(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock() // ok
	c.m[k] = v
}

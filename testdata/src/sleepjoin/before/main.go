// The post's program 2: the sleep comes before the go statement.
package main

import (
	"errors"
	"fmt"
	"time"
)

func worker() { fmt.Println("work") }

func try() error { return errors.New("busy") }

func main() {
	// Retry loops with backoff are not joins.
	for i := 0; i < 3; i++ {
		if try() == nil {
			break
		}
		time.Sleep(time.Duration(i) * time.Second) // ok: in a loop
	}

	time.Sleep(1 * time.Second) // want `sleeping before the go statement at line 24 waits for nothing`
	go worker()
	fmt.Println("exiting")
}

// A sleep after the go statement stands in for a join.
package main

import (
	"fmt"
	"time"
)

func worker() { fmt.Println("work") }

func main() {
	go worker()
	time.Sleep(100 * time.Millisecond) // want `sleeping does not wait for the goroutine started at line 12: main returns whether or not it has finished`
	fmt.Println("done")
}

func notMain() {
	go worker()
	time.Sleep(time.Second) // ok: not main or a test
}

// Goroutines started by main and the shapes that join them.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func worker() { fmt.Println("work") }

func main() {
	go worker() // want `goroutine may still be running when main returns at line 19: the program exits and kills it mid-work`
}

func mainShapes() {} // not main: never reported

func init() {
	go worker() // ok: init is not a root
}

// Joined shapes, each in a helper called from a test main below.
func joinedWaitGroup() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // ok: Wait on every path
		defer wg.Done()
		worker()
	}()
	wg.Wait()
}

func daemon() {
	for {
		time.Sleep(time.Second)
	}
}

var _ = log.Fatal
var _ = http.ListenAndServe
var _ = os.Exit
var _ errgroup.Group

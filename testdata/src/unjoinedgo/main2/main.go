// Early returns and the paths that join.
package main

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func worker() { fmt.Println("work") }

func load() error { return errors.New("x") }

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine may still be running when main returns at line 28`
		defer wg.Done()
		worker()
	}()
	if err := load(); err != nil {
		return // the early return skips wg.Wait
	}
	wg.Wait()

	// log.Fatal and os.Exit do not return: these paths are not reported.
	done := make(chan bool)
	go func() { // ok: joined by the receive, or the program dies
		worker()
		done <- true
	}()
	if err := load(); err != nil {
		log.Fatal(err)
	}
	if err := load(); err != nil {
		os.Exit(1)
	}
	<-done

	// A loop that receives one result per goroutine joins them.
	results := make(chan int)
	jobs := []int{1, 2, 3}
	for _, j := range jobs {
		go func() { results <- j }() // ok
	}
	for range jobs {
		fmt.Println(<-results)
	}

	// errgroup joins.
	var g errgroup.Group
	g.Go(func() error { worker(); return nil }) // ok
	if err := g.Wait(); err != nil {
		fmt.Println(err)
	}

	// A daemon goroutine is meant to outlive main.
	go func() { // ok: never finishes
		for {
			time.Sleep(time.Minute)
			worker()
		}
	}()
	ticker := time.NewTicker(time.Second)
	go func() { // ok: ranges over a ticker forever
		for range ticker.C {
			worker()
		}
	}()
	go http.ListenAndServe(":8080", nil) // ok: a server

	// A func value or an interface method: not known, not reported.
	f := worker
	go f() // ok

	// Joined through a helper that waits.
	wg.Add(1)
	go func() { // ok
		defer wg.Done()
	}()
	waitFor(&wg)

	// A deferred join covers every return.
	deferredJoin()

	// Serving blocks main.
	go worker() // ok: ListenAndServe blocks
	log.Fatal(http.ListenAndServe(":8081", nil))
}

func waitFor(wg *sync.WaitGroup) { wg.Wait() }

func deferredJoin() {
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() { defer wg.Done() }()
}

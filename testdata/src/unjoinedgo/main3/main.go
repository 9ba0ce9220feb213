// main that blocks forever, waits for a signal, or reads input.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
)

func worker() { fmt.Println("work") }

func main() {
	go worker() // ok: main waits for a signal
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	<-sig

	go worker() // ok: main reads input
	fmt.Scanln()

	var wg sync.WaitGroup
	wg.Go(worker) // want `goroutine may still be running when main returns`
	if len(os.Args) > 1 {
		fmt.Println("early")
		return
	}
	wg.Wait()

	go worker() // ok: main blocks forever
	select {}
}

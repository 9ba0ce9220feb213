// A correct program with a directive that silences nothing and a
// malformed one: wglint reports both.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	//wglint:ignore unjoinedgo the worker is waited for below, so this directive is unused
	go func() {
		defer wg.Done()
		fmt.Println("work")
	}()
	wg.Wait()
	//wglint:ignore sleepjoin
}

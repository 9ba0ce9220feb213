// Package main imports a package that does not exist: wglint must report
// the import with its position and exit 1.
package main

import (
	"sync"

	"example.com/does/not/exist"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		exist.Work()
	}()
	wg.Wait()
}

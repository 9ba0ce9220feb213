// Package main does not parse: wglint must report the syntax error and
// exit 1 instead of analysing it.
package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1))
	wg.Wait()
}

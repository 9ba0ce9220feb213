// Package main does not type-check: wglint must report the type error and
// exit 1 instead of analysing it.
package main

import "sync"

func main() {
	var wg sync.WaitGroup
	var n int = "three" // type error: string assigned to int
	wg.Add(n)
	wg.Wait()
}

// Package main uses cgo: wglint analyses its Go code (positions in this
// file, not in the files cgo generates) like any other.
package main

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import "fmt"

func main() {
	go func() { // unjoined: main returns without waiting
		fmt.Println(C.twice(21))
	}()
}

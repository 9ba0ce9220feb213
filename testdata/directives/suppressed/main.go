// A program whose only finding is silenced by a //wglint:ignore directive:
// wglint reports nothing and exits 0, and its SARIF output lists the
// finding as suppressed, with the directive's reason.
package main

import "fmt"

func worker() { fmt.Println("work") }

func main() {
	//wglint:ignore unjoinedgo the demo does not care whether the worker prints
	go worker()
}

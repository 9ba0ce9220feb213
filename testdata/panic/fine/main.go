// Package main is analysed next to boom, where an analyzer panics: its
// finding must still be reported.
package main

import "fmt"

func main() {
	go fmt.Println("lost") // unjoinedgo: main does not wait
}

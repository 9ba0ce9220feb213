// False alarm (unjoinedgo): a debug listener meant to serve for the life
// of the process (badger badger/main.go:22).
package main

import (
	"fmt"
	"net/http"
)

func main() {
	go func() {
		for port := 8080; port < 9080; port++ {
			if err := http.ListenAndServe(fmt.Sprintf("127.0.0.1:%d", port), nil); err != nil {
				continue
			}
		}
	}()
	fmt.Println("running the command")
}

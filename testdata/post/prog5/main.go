package main

import (
   "fmt"
)

func worker(ch chan<- int) {
   // Perform a network call and return it's result, eg 1
   ch <- int(1)
   
}

func main() {
   fmt.Println("Starting main function")

   ch := make(chan int)

   go worker(ch)
   // Receive the result from the channel
   result := <-ch

   fmt.Println("Exiting main function with result:", result)
}

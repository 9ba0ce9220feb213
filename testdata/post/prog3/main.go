package main

import (
   "fmt"
   "sync"
)

var wg sync.WaitGroup

func worker(workerId int, wg sync.WaitGroup) {
   defer wg.Done()
   // Perform a network call
   fmt.Println("Task Completed by worker", workerId)
}

func main() {
   fmt.Println("Starting main function")
   wg := sync.WaitGroup{}
   wg.Add(3)

   workers := []int{1, 2, 3}
   for _, workerId := range workers {
      go worker(workerId, wg)
   }

   wg.Wait()

   fmt.Println("Exiting main function")
}

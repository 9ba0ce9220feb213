package main

import (
   "fmt"
)

type ResultError struct {
   result int
   err    error
}

func networkCall() (int, error) {
   return 1, nil
}

func worker(workerId int, resultChannel chan<- ResultError) {
   fmt.Println("Task started by worker", workerId)

   // Perform a network call
   resp, err := networkCall()
   resultChannel <- ResultError{
      result: resp,
      err:    err,
   }
}

func main() {
   fmt.Println("Starting main function")
   numWorkers := 3

   resultChannel := make(chan ResultError, numWorkers)

   workers := []int{1, 2, 3}
   for _, workerId := range workers {
      go worker(workerId, resultChannel)
   }

   resultMap := make(map[int]int, numWorkers)
   for _, workerID := range workers {
      result := <-resultChannel
      if result.err != nil {
         fmt.Println("Error:", result.err)
      } else {
         resultMap[workerID] = result.result
      }
   }

   fmt.Println("Exiting main function with result:", resultMap)
}

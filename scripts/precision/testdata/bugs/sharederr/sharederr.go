// True bug (datarace): every goroutine assigns the function's err
// (sarama tools/kafka-producer-performance/main.go:395, ristretto
// stress_test.go:43).
package sharederr

import (
	"fmt"
	"sync"
)

func send(m string) (int, error) { return len(m), nil }

func run(batches [][]string) error {
	var err error
	var wg sync.WaitGroup
	for _, batch := range batches {
		wg.Go(func() {
			for _, m := range batch {
				_, err = send(m)
				if err != nil {
					fmt.Println("failed:", err)
					return
				}
			}
		})
	}
	wg.Wait()
	return err
}

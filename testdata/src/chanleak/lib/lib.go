package lib

// Produce sends one value on ch.
func Produce(ch chan<- int) { ch <- 42 }

// Forward may send many values.
func Forward(ch chan<- int, xs []int) {
	for _, x := range xs {
		ch <- x
	}
}

// Start returns a channel that a goroutine it starts sends one value on.
func Start(x int) <-chan int {
	ch := make(chan int)
	go func() { ch <- x * 2 }()
	return ch
}

// StartBuffered is Start with room for the value.
func StartBuffered(x int) <-chan int {
	ch := make(chan int, 1)
	go func() { ch <- x * 2 }()
	return ch
}

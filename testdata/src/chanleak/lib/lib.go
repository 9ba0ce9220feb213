package lib

// Produce sends one value on ch.
func Produce(ch chan<- int) { ch <- 42 }

// Forward may send many values.
func Forward(ch chan<- int, xs []int) {
	for _, x := range xs {
		ch <- x
	}
}

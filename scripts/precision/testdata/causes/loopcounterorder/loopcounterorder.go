// False alarm (chanclose): the send and the close are on branches of a
// test of the loop counter; after the close the counter only grows, so no
// send follows it (watermill message/subscriber/read_test.go:156).
package loopcounterorder

func fill(messagesCount, sendLimit int) chan int {
	messagesCh := make(chan int, messagesCount)
	closed := false
	for i := 0; i < messagesCount; i++ {
		if i < sendLimit {
			messagesCh <- i
		} else if !closed {
			close(messagesCh)
			closed = true
		}
	}
	return messagesCh
}

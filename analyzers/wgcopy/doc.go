// Package wgcopy defines an Analyzer that reports sync.WaitGroup values
// that are copied: passed, received, assigned, returned or ranged over by
// value, directly or inside a struct or array that contains one.
//
// # Analyzer wgcopy
//
// wgcopy: report sync.WaitGroup values passed or copied by value
//
// A sync.WaitGroup must not be copied after first use. A copy has its own
// counter: Done called on the copy never reaches the original, so the
// original's Wait blocks forever (the program dies with "all goroutines are
// asleep - deadlock!"), and Add on the copy is invisible to whoever waits
// on the original. The check reports parameters and receivers that receive a
// WaitGroup by value, results that return one, assignments, composite
// literal elements and range variables that copy one, and each call that
// passes one by value. It looks through structs and arrays that contain a
// WaitGroup. A composite literal or a function result is a fresh value, not
// a copy, and is not reported.
//
// When a parameter of an unexported function (or any function of package
// main) is a WaitGroup by value, every use of it in the body is a method
// call or a field selection, and every call of the function in the package
// passes an addressable WaitGroup, the suggested fix turns the parameter
// into a *sync.WaitGroup and the package's call sites into &wg.
//
// Bad:
//
//	func worker(id int, wg sync.WaitGroup) {
//		defer wg.Done() // Done on a copy: main's wg.Wait never returns
//		fmt.Println("worker", id)
//	}
//
//	func main() {
//		var wg sync.WaitGroup
//		wg.Add(3)
//		for id := range 3 {
//			go worker(id, wg)
//		}
//		wg.Wait()
//	}
//
// Good:
//
//	func worker(id int, wg *sync.WaitGroup) {
//		defer wg.Done()
//		fmt.Println("worker", id)
//	}
//
//	func main() {
//		var wg sync.WaitGroup
//		wg.Add(3)
//		for id := range 3 {
//			go worker(id, &wg)
//		}
//		wg.Wait()
//	}
package wgcopy

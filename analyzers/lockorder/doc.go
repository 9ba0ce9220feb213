// Package lockorder defines an Analyzer that reports two mutexes taken in
// opposite orders by two code paths of a package.
//
// # Analyzer lockorder
//
// lockorder: report two mutexes locked in opposite orders
//
// When one goroutine holds mutex A and waits for B while another holds B
// and waits for A, both block forever. The check records, for every path
// of every function in the package, which mutexes are held when another one
// is locked (directly, or through a call that locks it), and reports each
// pair of mutexes that some path takes in one order and another path in the
// opposite order. A call counts as locking a mutex when the callee locks it on
// every path, when it releases its caller's lock and takes it again (a wait
// with the lock released: the caller's other locks stay held while it waits
// for it), and, when the opposite order is taken for certain, when the callee
// itself locks it on some of its paths. Mutexes are identified by their field
// in a named type (Server.mu), by their package-level variable, or, for a
// mutex stored in a map, by the map's elements (shard.mu of a
// map[string]*shard, Table.locks[] of a map[string]*sync.Mutex); locks of two
// values of the same type (a.mu and b.mu of two Accounts, the mutexes of two
// keys) are not compared, since their order depends on the values. Two
// orders taken while both paths hold a third mutex (a gate lock, reached
// by the same path: c.destructorM) cannot interleave and are not reported.
//
// Bad:
//
//	func (s *Server) addUser(u *User) {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		s.stats.mu.Lock() // Server.mu, then Stats.mu
//		s.stats.users++
//		s.stats.mu.Unlock()
//	}
//
//	func (st *Stats) report(s *Server) {
//		st.mu.Lock()
//		defer st.mu.Unlock()
//		s.mu.Lock() // Stats.mu, then Server.mu: deadlock with addUser
//		fmt.Println(len(s.users), st.users)
//		s.mu.Unlock()
//	}
//
// Good:
//
//	func (st *Stats) report(s *Server) {
//		s.mu.Lock() // always Server.mu first
//		defer s.mu.Unlock()
//		st.mu.Lock()
//		defer st.mu.Unlock()
//		fmt.Println(len(s.users), st.users)
//	}
package lockorder

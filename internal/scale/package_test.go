package scale

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/driver"
)

// bigPackage writes a module with one package of files files, each of
// about linesPerFile lines: functions that start goroutines joined by
// WaitGroups, lock mutexes, send and receive on channels, select in loops,
// and close channels, as in a large server package; and one function that
// copies a WaitGroup, whose finding must be reported.
func bigPackage(t *testing.T, files, linesPerFile int) (dir string, lines int) {
	t.Helper()
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/big\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(dir, "big")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	fn := 0
	for i := range files {
		var b strings.Builder
		b.WriteString("package big\n\nimport (\n\t\"context\"\n\t\"sync\"\n\t\"time\"\n)\n\nvar _ = time.Second\n")
		if i == 0 {
			b.WriteString("\ntype server struct {\n\tmu    sync.Mutex\n\tconns map[int]chan int\n\twg    sync.WaitGroup\n}\n\nfunc byValue(wg sync.WaitGroup) { wg.Wait() }\n")
		}
		for strings.Count(b.String(), "\n") < linesPerFile {
			fn++
			switch fn % 4 {
			case 0: // goroutines joined by a WaitGroup, results under a lock
				fmt.Fprintf(&b, `
func work%d(s *server, n int) int {
	var wg sync.WaitGroup
	total := 0
	for j := 0; j < n; j++ {
		wg.Add(1)
		go func(j int) {
			defer wg.Done()
			s.mu.Lock()
			total += j + %d
			s.mu.Unlock()
		}(j)
	}
	wg.Wait()
	return total
}
`, fn, fn)
			case 1: // a worker loop around a select, stopped by a context
				fmt.Fprintf(&b, `
func loop%d(ctx context.Context, s *server, in chan int) {
	done := make(chan struct{})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		<-done
	}()
	for {
		select {
		case <-ctx.Done():
			close(done)
			return
		case v := <-in:
			s.mu.Lock()
			if c, ok := s.conns[v]; ok {
				c <- v + %d
			}
			s.mu.Unlock()
		}
	}
}
`, fn, fn)
			case 2: // a fan-in over a buffered channel
				fmt.Fprintf(&b, `
func fanIn%d(xs []int) int {
	results := make(chan int, len(xs))
	for _, x := range xs {
		go func() { results <- x * %d }()
	}
	sum := 0
	for range xs {
		sum += <-results
	}
	return sum
}
`, fn, fn)
			case 3: // a lock held across a call, a timeout
				fmt.Fprintf(&b, `
func (s *server) get%d(k int, timeout time.Duration) (int, bool) {
	s.mu.Lock()
	c, ok := s.conns[k]
	s.mu.Unlock()
	if !ok {
		return 0, false
	}
	select {
	case v := <-c:
		return v + %d, true
	case <-time.After(timeout):
		return 0, false
	}
}
`, fn, fn)
			}
		}
		src := b.String()
		lines += strings.Count(src, "\n")
		if err := os.WriteFile(filepath.Join(pkg, fmt.Sprintf("gen%02d.go", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, lines
}

// heapSampler records the peak of runtime.MemStats.HeapInuse, sampled
// every few milliseconds until stop is called.
type heapSampler struct {
	stopc chan struct{}
	wg    sync.WaitGroup
	peak  uint64
}

func sampleHeap() *heapSampler {
	s := &heapSampler{stopc: make(chan struct{})}
	s.wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			s.peak = max(s.peak, ms.HeapInuse)
			select {
			case <-s.stopc:
				return
			case <-tick.C:
			}
		}
	})
	return s
}

func (s *heapSampler) stop() uint64 {
	close(s.stopc)
	s.wg.Wait()
	return s.peak
}

func heapInuse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestPackageMemory runs wglint's driver (the standalone one), with the
// model and every check, over a generated package of about 200,000 lines
// with thousands of goroutines, locks, channels, selects and WaitGroups,
// and its dependencies, one package at a time. It asserts bounds, with a
// wide margin, on the peak of the heap in use (sampled), per line of the
// package, and on what is left in use after the run: the syntax, types and
// model of each package are released once its checks ran (the result
// holds the findings only). Before the select search was bounded, a
// package with one select inside a loop exhausted gigabytes.
func TestPackageMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir, lines := bigPackage(t, 10, 20000)
	if lines < 190000 {
		t.Fatalf("generated %d lines, want about 200,000", lines)
	}
	before := heapInuse()
	s := sampleHeap()
	res, err := driver.Run(driver.Options{
		Analyzers: analyzers.Analyzers(),
		Patterns:  []string{"./..."},
		Dir:       dir,
		Env:       append(os.Environ(), "GOFLAGS=", "GOWORK=off"),
		Parallel:  1,
	})
	peak := s.stop()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.ActionErrors) > 0 {
		t.Fatalf("errors: %q %v", res.Errors, res.ActionErrors)
	}
	found := false
	for _, d := range res.Diagnostics {
		if d.Analyzer.Name == "wgcopy" && strings.Contains(d.Message, "parameter wg receives a copy") {
			found = true
		}
	}
	if !found {
		t.Errorf("the wgcopy finding of byValue was not reported (%d findings)", len(res.Diagnostics))
	}
	after := heapInuse()
	runtime.KeepAlive(res)
	perLine := float64(peak-min(before, peak)) / float64(lines)
	t.Logf("%d lines, %d packages analysed, %d findings; heap in use: %.0f MiB before, peak %.0f MiB (%.0f bytes per line of the package), %.0f MiB after the run",
		lines, res.Analysed, len(res.Diagnostics), float64(before)/mib, float64(peak)/mib, perLine, float64(after)/mib)

	// Bounds: about 2.5 KB per line are in use at the peak (syntax, types
	// and the model of the big package, and garbage not yet collected);
	// the standard library packages that it imports are analysed before
	// it and released.
	const maxPerLine = 8 << 10
	if perLine > maxPerLine {
		t.Errorf("peak heap in use %.0f MiB: %.0f bytes per line, want at most %d", float64(peak)/mib, perLine, maxPerLine)
	}
	const maxLeft = 64 * mib
	if after > before+maxLeft {
		t.Errorf("after the run, %.0f MiB are still in use (%.0f MiB before): want at most %d MiB more; something keeps a package's syntax, types or model alive",
			float64(after)/mib, float64(before)/mib, maxLeft/mib)
	}
}

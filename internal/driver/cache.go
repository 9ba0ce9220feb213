package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
)

// A Cache is a directory of per-package analysis results, in the manner
// of go vet's (which lives in the go build cache): each package that was
// analysed without error gets an entry keyed by everything its analysis
// depends on (see driver.key), holding its diagnostics, its serialized
// facts, its notes, and its export data (the types its importers are
// type-checked against). A later run whose key is the same reads the entry
// instead of parsing, type-checking and analysing the package.
//
// Entries are files named by their key; each is written to a temporary
// file and renamed, so concurrent runs never see half an entry, and each
// carries the SHA-256 of its content, so a corrupt or truncated entry is a
// miss (and is written again), never a wrong result.
type Cache struct {
	dir string
}

// cacheMagic starts every entry file; the number is the entry format.
const cacheMagic = "wglint cache 2\n"

// Cache entries unused for trimAge are removed, at most once per
// trimInterval (go's build cache uses the same figures).
const (
	trimAge      = 5 * 24 * time.Hour
	trimInterval = 24 * time.Hour
	touchAge     = time.Hour // a used entry's time is refreshed when older
)

// OpenCache opens (creating it if needed) the cache in dir, and removes
// the entries that were not used for five days (once a day).
func OpenCache(dir string) (*Cache, error) {
	if dir == "" {
		return nil, errors.New("no cache directory")
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	c := &Cache{dir: dir}
	c.trim()
	return c, nil
}

// Dir returns the directory of the cache.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) path(key, kind string) string {
	return filepath.Join(c.dir, key[:2], key+"-"+kind)
}

// get returns the content of the entry (key, kind), or false if there is
// none or it is corrupt.
func (c *Cache) get(key, kind string) ([]byte, bool) {
	name := c.path(key, kind)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, false
	}
	n := len(cacheMagic)
	if len(data) < n+8+sha256.Size || string(data[:n]) != cacheMagic {
		return nil, false
	}
	size := binary.BigEndian.Uint64(data[n:])
	sum := data[n+8 : n+8+sha256.Size]
	body := data[n+8+sha256.Size:]
	if uint64(len(body)) != size {
		return nil, false
	}
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	if fi, err := os.Stat(name); err == nil && time.Since(fi.ModTime()) > touchAge {
		now := time.Now()
		os.Chtimes(name, now, now)
	}
	return body, true
}

// put writes the entry (key, kind). A failure to write is not an error of
// the run: the entry is simply missing next time.
func (c *Cache) put(key, kind string, body []byte) {
	name := c.path(key, kind)
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return
	}
	var hdr bytes.Buffer
	hdr.WriteString(cacheMagic)
	binary.Write(&hdr, binary.BigEndian, uint64(len(body)))
	sum := sha256.Sum256(body)
	hdr.Write(sum[:])
	_, err = f.Write(hdr.Bytes())
	if err == nil {
		_, err = f.Write(body)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// trim removes the entries not used for trimAge, if it was not done in
// the last trimInterval.
func (c *Cache) trim() {
	stamp := filepath.Join(c.dir, "trim.txt")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimInterval {
		return
	}
	if err := os.WriteFile(stamp, []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o666); err != nil {
		return
	}
	cutoff := time.Now().Add(-trimAge)
	filepath.WalkDir(c.dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path == stamp {
			return nil
		}
		if fi, err := e.Info(); err == nil && fi.ModTime().Before(cutoff) {
			os.Remove(path)
		}
		return nil
	})
}

// The entry of a package ("r" files; its export data is in the "x" file
// of the same key).
type cacheEntry struct {
	Diags []cachedDiag
	Files []cachedFile // the files that Diags' positions are in, by original base
	Facts []cachedFact
	Notes []string
}

type cachedDiag struct {
	Analyzer   string
	Suppressed bool
	Reason     string
	Pos, End   int // indexes in positions; -1 for token.NoPos
	Category   string
	Message    string
	URL        string
	Related    []cachedRelated
	Fixes      []cachedFix
	Flows      []flow.Recorded
	Positions  []cachedPos
}

type cachedRelated struct {
	Pos, End int
	Message  string
}

type cachedFix struct {
	Message string
	Edits   []cachedEdit
}

type cachedEdit struct {
	Pos, End int
	NewText  []byte
}

// A cachedPos is a token.Pos: the file (an index in cacheEntry.Files) and
// offset it is in, and what token.FileSet.Position said of it (which
// //line directives may have moved to another file and line).
type cachedPos struct {
	File     int
	Offset   int
	Filename string
	Line     int
	Column   int
}

type cachedFile struct {
	Name string
	Size int
}

type cachedFact struct {
	Obj  string // objectpath; "" for a package fact
	Type string // see factTypeName
	Data []byte
}

// factTypeName names a fact type in cache entries.
func factTypeName(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		return "*" + t.Elem().PkgPath() + "." + t.Elem().Name()
	}
	return t.PkgPath() + "." + t.Name()
}

// encodeDiags converts diagnostics into their cached form: every position
// is resolved against fset, so that decodeDiags can rebuild a small file
// set in which the same positions resolve to the same file names, lines,
// columns and offsets.
func encodeDiags(fset *token.FileSet, diags []Diagnostic) ([]cachedDiag, []cachedFile) {
	fileIndex := make(map[*token.File]int)
	var files []*token.File
	out := make([]cachedDiag, 0, len(diags))
	for _, d := range diags {
		cd := cachedDiag{
			Analyzer:   d.Analyzer.Name,
			Suppressed: d.Suppressed,
			Reason:     d.Reason,
			Category:   d.Category,
			Message:    d.Message,
			URL:        d.URL,
			Flows:      d.Flows,
		}
		pos := func(p token.Pos) int {
			if !p.IsValid() {
				return -1
			}
			tf := fset.File(p)
			if tf == nil {
				return -1
			}
			i, ok := fileIndex[tf]
			if !ok {
				i = len(files)
				fileIndex[tf] = i
				files = append(files, tf)
			}
			pp := fset.Position(p)
			cd.Positions = append(cd.Positions, cachedPos{File: i, Offset: tf.Offset(p), Filename: pp.Filename, Line: pp.Line, Column: pp.Column})
			return len(cd.Positions) - 1
		}
		cd.Pos, cd.End = pos(d.Pos), pos(d.End)
		for _, r := range d.Related {
			cd.Related = append(cd.Related, cachedRelated{Pos: pos(r.Pos), End: pos(r.End), Message: r.Message})
		}
		for _, f := range d.SuggestedFixes {
			cf := cachedFix{Message: f.Message}
			for _, e := range f.TextEdits {
				cf.Edits = append(cf.Edits, cachedEdit{Pos: pos(e.Pos), End: pos(e.End), NewText: e.NewText})
			}
			cd.Fixes = append(cd.Fixes, cf)
		}
		out = append(out, cd)
	}
	// Files in the order of their bases, so that positions compare across
	// files as they did (a fix whose edit ends in another file is still
	// out of bounds).
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return files[a].Base() - files[b].Base() })
	renum := make([]int, len(files))
	cfiles := make([]cachedFile, len(files))
	for newI, oldI := range order {
		renum[oldI] = newI
		cfiles[newI] = cachedFile{Name: files[oldI].Name(), Size: files[oldI].Size()}
	}
	for i := range out {
		for j := range out[i].Positions {
			out[i].Positions[j].File = renum[out[i].Positions[j].File]
		}
	}
	return out, cfiles
}

// decodeDiags rebuilds diagnostics from their cached form, with a file set
// of their own. Each file of the set has the size of the original plus one
// (so that a position at its end can carry a line directive), and one line
// directive at each cached position, which makes Position return exactly
// what it returned for the original; File and Offset give the original
// file name and offset.
func decodeDiags(cds []cachedDiag, cfiles []cachedFile, analyzers map[string]*analysis.Analyzer, pkgID string) ([]Diagnostic, []Diagnostic, error) {
	fset := token.NewFileSet()
	tfs := make([]*token.File, len(cfiles))
	byFile := make([][]cachedPos, len(cfiles))
	for _, cd := range cds {
		for _, p := range cd.Positions {
			if p.File < 0 || p.File >= len(cfiles) || p.Offset < 0 || p.Offset > cfiles[p.File].Size {
				return nil, nil, fmt.Errorf("bad position %+v", p)
			}
			byFile[p.File] = append(byFile[p.File], p)
		}
	}
	for i, cf := range cfiles {
		tf := fset.AddFile(cf.Name, -1, cf.Size+1)
		ps := byFile[i]
		slices.SortStableFunc(ps, func(a, b cachedPos) int { return a.Offset - b.Offset })
		last := -1
		for _, p := range ps {
			if p.Offset == last {
				continue
			}
			last = p.Offset
			tf.AddLineColumnInfo(p.Offset, p.Filename, p.Line, p.Column)
		}
		tfs[i] = tf
	}
	var diags, suppressed []Diagnostic
	for _, cd := range cds {
		an := analyzers[cd.Analyzer]
		if an == nil {
			return nil, nil, fmt.Errorf("unknown analyzer %q", cd.Analyzer)
		}
		var bad error
		pos := func(i int) token.Pos {
			if i == -1 {
				return token.NoPos
			}
			if i < 0 || i >= len(cd.Positions) {
				bad = fmt.Errorf("bad position index %d", i)
				return token.NoPos
			}
			p := cd.Positions[i]
			return tfs[p.File].Pos(p.Offset)
		}
		d := analysis.Diagnostic{Pos: pos(cd.Pos), End: pos(cd.End), Category: cd.Category, Message: cd.Message, URL: cd.URL}
		for _, r := range cd.Related {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos(r.Pos), End: pos(r.End), Message: r.Message})
		}
		for _, f := range cd.Fixes {
			sf := analysis.SuggestedFix{Message: f.Message}
			for _, e := range f.Edits {
				sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{Pos: pos(e.Pos), End: pos(e.End), NewText: e.NewText})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, sf)
		}
		if bad != nil {
			return nil, nil, bad
		}
		dd := Diagnostic{Diagnostic: d, Analyzer: an, Package: pkgID, Fset: fset, Suppressed: cd.Suppressed, Reason: cd.Reason, Flows: cd.Flows}
		if cd.Suppressed {
			suppressed = append(suppressed, dd)
		} else {
			diags = append(diags, dd)
		}
	}
	return diags, suppressed, nil
}

// encodeEntry and decodeEntry convert an entry to and from bytes.
func encodeEntry(e *cacheEntry) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(e); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decodeEntry(data []byte) (*cacheEntry, error) {
	e := new(cacheEntry)
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(e); err != nil {
		return nil, err
	}
	return e, nil
}

// hashHex returns the hexadecimal SHA-256 of s.
func hashHex(parts ...string) string {
	h := sha256.New()
	for _, s := range parts {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// envKey returns the variables of env (KEY=VALUE) that change what the go
// command lists or how the code is type-checked, in a stable form.
func envKey(env []string) string {
	var keep []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOPPC64", "GORISCV64", "GOWASM", "GOMIPS", "GOMIPS64", "GOTOOLCHAIN", "GO111MODULE", "GOPATH", "GOROOT", "GOWORK", "GODEBUG":
			keep = append(keep, kv)
		}
	}
	slices.Sort(keep)
	return strings.Join(keep, "\n")
}

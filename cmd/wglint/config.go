package main

// Configuration files: wglint.toml, in TOML (the format of staticcheck's
// staticcheck.conf), read from a package's directory up to the root of the
// repository.

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// configName is the name of wglint's configuration file.
const configName = "wglint.toml"

// configKeys are the keys a configuration file may set.
var configKeys = []string{"checks", "fail", "exclude", "tests"}

// A checkList is a list of check selectors, as in the checks and fail keys
// and the -checks and -fail flags: "all" (every check that is not
// experimental), "-all" (none), NAME (that check), -NAME (not that check)
// and "inherit"
// (what the parent directory's file, or the defaults, selected), applied
// in order.
type checkList []string

// parseCheckList parses the comma-separated list of a -checks or -fail
// flag.
func parseCheckList(s string) (checkList, error) {
	var l checkList
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if err := checkSelector(item); err != nil {
			return nil, err
		}
		l = append(l, item)
	}
	return l, nil
}

// checkSelector reports whether item is a valid selector.
func checkSelector(item string) error {
	name := strings.TrimPrefix(item, "-")
	switch {
	case item == "all" || item == "-all" || item == "inherit":
		return nil
	case name == "":
		return errors.New(`empty check name; use "all", "-all", NAME, -NAME or "inherit"`)
	case lookupAnalyzer(name) == nil:
		return fmt.Errorf("unknown check %q; the checks are %s (wglint -list)", name, strings.Join(checkNames(), ", "))
	}
	return nil
}

// resolve returns the set of checks that l selects, given the set that
// "inherit" stands for.
func (l checkList) resolve(inherited map[string]bool) map[string]bool {
	set := make(map[string]bool)
	for _, item := range l {
		switch {
		case item == "all":
			for _, a := range allAnalyzers() {
				if !isExperimental(a.Name) {
					set[a.Name] = true
				}
			}
		case item == "inherit":
			for name := range inherited {
				set[name] = true
			}
		case item == "-all":
			clear(set)
		case strings.HasPrefix(item, "-"):
			delete(set, item[1:])
		default:
			set[item] = true
		}
	}
	return set
}

// selector is one element of a checks or fail list in a file: TOML
// decodes it through UnmarshalText, so that an invalid one is an error
// with the line of its key.
type selector string

func (s *selector) UnmarshalText(text []byte) error {
	if err := checkSelector(string(text)); err != nil {
		return err
	}
	*s = selector(text)
	return nil
}

// excludePattern is one element of an exclude list.
type excludePattern string

func (p *excludePattern) UnmarshalText(text []byte) error {
	s := string(text)
	if s == "inherit" {
		*p = excludePattern(s)
		return nil
	}
	if s == "" || path.IsAbs(s) || strings.Contains(s, `\`) {
		return fmt.Errorf("exclude pattern %q: want a slash-separated path relative to the directory of %s", s, configName)
	}
	for _, seg := range strings.Split(s, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("exclude pattern %q: %v", s, err)
		}
	}
	*p = excludePattern(s)
	return nil
}

// fileContent is what a configuration file says; a nil field is not set.
type fileContent struct {
	Checks  *[]selector       `toml:"checks"`
	Fail    *[]selector       `toml:"fail"`
	Exclude *[]excludePattern `toml:"exclude"`
	Tests   *bool             `toml:"tests"`
}

// An exclusion is an exclude pattern and the directory it is relative to.
type exclusion struct {
	base, pattern string
}

// settings are the configuration in force in a directory: the defaults,
// changed by each configuration file from the root of the repository down
// to the directory.
type settings struct {
	checks  map[string]bool // the checks that run
	fail    map[string]bool // the checks whose findings fail the run
	exclude []exclusion
	tests   bool
	files   []string // the files read, outermost first
}

func defaultSettings() *settings {
	return &settings{
		checks: checkList{"all"}.resolve(nil),
		fail:   allChecks(),
		tests:  true,
	}
}

func allChecks() map[string]bool {
	set := make(map[string]bool)
	for _, a := range allAnalyzers() {
		set[a.Name] = true
	}
	return set
}

// overrides are the settings given as flags, which win over the files.
type overrides struct {
	checks checkList           // -checks; nil if not given
	enable map[string]triState // -NAME and -NAME=false
	fail   checkList           // -fail; nil if not given
	tests  *bool               // -test, if given
}

// configSet finds and caches the configuration of directories.
type configSet struct {
	flags overrides

	mu    sync.Mutex
	dirs  map[string]*settings // directory -> settings from the files
	final map[string]*settings // directory -> settings with the flags applied
	errs  []error              // malformed files, in the order found
	seen  map[string]bool      // files whose error is recorded
}

func newConfigSet(flags overrides) *configSet {
	return &configSet{flags: flags, dirs: make(map[string]*settings), final: make(map[string]*settings), seen: make(map[string]bool)}
}

// err returns the errors of the malformed files read so far, or nil.
func (cs *configSet) err() error {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return errors.Join(cs.errs...)
}

// forDir returns the settings in force in dir (an absolute path), flags
// applied. A malformed file is recorded (see err) and ignored.
func (cs *configSet) forDir(dir string) *settings {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if s, ok := cs.final[dir]; ok {
		return s
	}
	s := cs.applyFlags(cs.files(dir))
	cs.final[dir] = s
	return s
}

// applyFlags returns file changed by the flags.
func (cs *configSet) applyFlags(file *settings) *settings {
	s := *file
	s.checks = maps.Clone(file.checks)
	f := cs.flags
	if f.checks != nil {
		s.checks = f.checks.resolve(s.checks)
	}
	hasTrue := false
	for _, t := range f.enable {
		hasTrue = hasTrue || t == setTrue
	}
	if hasTrue {
		s.checks = make(map[string]bool)
	}
	for name, t := range f.enable {
		switch t {
		case setTrue:
			s.checks[name] = true
		case setFalse:
			delete(s.checks, name)
		}
	}
	if f.fail != nil {
		s.fail = f.fail.resolve(s.fail)
	}
	if f.tests != nil {
		s.tests = *f.tests
	}
	return &s
}

// files returns the settings of dir from the configuration files alone.
// cs.mu is held.
func (cs *configSet) files(dir string) *settings {
	if s, ok := cs.dirs[dir]; ok {
		return s
	}
	var parent *settings
	if up := filepath.Dir(dir); up == dir || isRepoRoot(dir) {
		parent = defaultSettings()
	} else {
		parent = cs.files(up)
	}
	s := parent
	file := filepath.Join(dir, configName)
	content, err := readConfig(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		if !cs.seen[file] {
			cs.seen[file] = true
			cs.errs = append(cs.errs, err)
		}
	default:
		s = content.apply(dir, file, parent)
	}
	cs.dirs[dir] = s
	return s
}

// isRepoRoot reports whether dir is the root of a repository (it has a
// .git entry): configuration files above it are not read.
func isRepoRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ".git"))
	return err == nil
}

// apply returns parent changed by the keys the file sets.
func (c *fileContent) apply(dir, file string, parent *settings) *settings {
	s := *parent
	s.files = append(slices.Clone(parent.files), file)
	list := func(sels []selector) checkList {
		l := make(checkList, len(sels))
		for i, x := range sels {
			l[i] = string(x)
		}
		return l
	}
	if c.Checks != nil {
		s.checks = list(*c.Checks).resolve(parent.checks)
	}
	if c.Fail != nil {
		s.fail = list(*c.Fail).resolve(parent.fail)
	}
	if c.Exclude != nil {
		s.exclude = nil
		for _, p := range *c.Exclude {
			if p == "inherit" {
				s.exclude = append(s.exclude, parent.exclude...)
				continue
			}
			s.exclude = append(s.exclude, exclusion{dir, string(p)})
		}
	}
	if c.Tests != nil {
		s.tests = *c.Tests
	}
	return &s
}

// readConfig reads and checks a configuration file. Errors start with
// FILE:LINE:COLUMN: where the position is known.
func readConfig(file string) (*fileContent, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var c fileContent
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
				msg = fmt.Sprintf("%s: %s", pe.LastKey, msg)
			}
			return nil, fmt.Errorf("%s:%d:%d: %s", file, pe.Position.Line, column(data, pe.Position), msg)
		}
		// Type mismatches: "toml: line N (last key "k"): incompatible types: ...".
		msg := strings.TrimPrefix(err.Error(), "toml: ")
		if m := tomlLine.FindStringSubmatch(msg); m != nil {
			return nil, fmt.Errorf("%s:%s: %s: %s", file, m[1], m[2], m[3])
		}
		return nil, fmt.Errorf("%s: %s", file, msg)
	}
	if und := md.Undecoded(); len(und) > 0 {
		key := und[0].String()
		return nil, fmt.Errorf("%s:%d: unknown key %q; the keys are %s", file, keyLine(string(data), und[0][0]), key, strings.Join(configKeys, ", "))
	}
	return &c, nil
}

// column returns the 1-based column of an error position in data.
func column(data []byte, p toml.Position) int {
	lineStart := 0
	for i, line := 0, 1; i < len(data) && line < p.Line; i++ {
		if data[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	if p.Start < lineStart || p.Start > len(data) {
		return 1
	}
	return p.Start - lineStart + 1
}

var tomlLine = regexp.MustCompile(`^line (\d+) \(last key "([^"]*)"\): (.*)$`)

// keyLine returns the line of the first assignment of key or table named
// key in a TOML document, or 1.
func keyLine(doc, key string) int {
	re := regexp.MustCompile(`^\s*(?:\[+\s*)?"?` + regexp.QuoteMeta(key) + `"?\s*(?:[=.\]]|$)`)
	for i, line := range strings.Split(doc, "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 1
}

// excluded reports whether the file is excluded by the settings.
func (s *settings) excluded(file string) bool {
	for _, e := range s.exclude {
		rel, err := filepath.Rel(e.base, file)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		if matchPath(strings.Split(e.pattern, "/"), strings.Split(filepath.ToSlash(rel), "/")) {
			return true
		}
	}
	return false
}

// matchPath reports whether the pattern's segments match the path's
// segments, or the segments of one of its parent directories: "**"
// matches any number of segments, and each other segment is a path.Match
// pattern.
func matchPath(pattern, segs []string) bool {
	if len(pattern) == 0 {
		return true // a parent directory matched
	}
	if pattern[0] == "**" {
		for i := 0; i <= len(segs); i++ {
			if matchPath(pattern[1:], segs[i:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	if ok, _ := path.Match(pattern[0], segs[0]); !ok {
		return false
	}
	return matchPath(pattern[1:], segs[1:])
}

// scan reads the configuration files in the directory trees that
// patterns such as ./... and ./sub/... (relative to wd) name, so that a
// malformed one is reported before the analysis. It skips what the go
// command skips: testdata, vendor, and directories whose name starts with
// "." or "_".
func (cs *configSet) scan(wd string, patterns []string) {
	for _, p := range patterns {
		root, ok := strings.CutSuffix(p, "/...")
		if !ok || !(root == "." || strings.HasPrefix(root, "./") || strings.HasPrefix(root, "../") || filepath.IsAbs(root)) {
			continue
		}
		if !filepath.IsAbs(root) {
			root = filepath.Join(wd, root)
		}
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			name := d.Name()
			if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, configName)); err == nil {
				cs.forDir(path)
			}
			return nil
		})
	}
}

// Command precisiontool is the helper of scripts/precision.sh. It has three
// subcommands:
//
//	precisiontool size < golist.json
//		reads the output of `go list -e -json PATTERNS` and prints the
//		number of packages and the number of lines of Go in their files
//		(GoFiles, CgoFiles, TestGoFiles and XTestGoFiles), separated by a
//		tab. Packages that do not load are listed on standard error.
//
//	precisiontool dirreplaces < gomodedit.json
//		reads the output of `go mod edit -json` and prints, one a line,
//		the replaced module (PATH or PATH@VERSION) of every replace
//		directive whose replacement is a directory, for
//		`go mod edit -dropreplace`.
//
//	precisiontool normalise -mod MODULE@VERSION -root DIR [-errors FILE] < wglint.json
//		reads the output of `wglint -json` and prints one line per
//		distinct finding, sorted:
//		MODULE@VERSION<TAB>FILE:LINE<TAB>CHECK<TAB>MESSAGE, with FILE
//		relative to DIR. A package analysed with its tests appears twice
//		in the JSON (pkg and pkg [pkg.test]); findings with the same
//		position, check and message are printed once. Analysis errors
//		({"error": ...} entries) are written to FILE, one a line.
//
//	precisiontool report -verdicts FILE -findings FILE -stats FILE
//		compares the findings (the lines printed by normalise, for all
//		modules) with the verdict file and prints the findings that have
//		no verdict (UNTRIAGED), the verdicts that match no finding
//		(STALE), the table per module and the precision overall and per
//		check. The stats file has one line per module run:
//		MODULE<TAB>VERSION<TAB>PACKAGES<TAB>LINES<TAB>WALL<TAB>RSS_KB<TAB>STATUS.
//		Verdicts of modules that are not in the stats file are ignored
//		(a run over a subset of the corpus reports no STALE for the rest).
//
// The verdict file has one line per finding, tab-separated:
// MODULE@VERSION, FILE:LINE, CHECK, VERDICT (bug, deliberate or false) and
// a one-line reason. Lines that are empty or start with # are ignored. A
// verdict matches the findings with the same module, position and check:
// when one check reports two findings on one line (two senders blocked by
// one return, say), one verdict covers both, and each counts.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precisiontool size|dirreplaces|normalise|report [flags]")
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "size":
		err = size(os.Stdin, os.Stdout, os.Stderr)
	case "dirreplaces":
		err = dirReplaces(os.Stdin, os.Stdout)
	case "normalise":
		fs := flag.NewFlagSet("normalise", flag.ExitOnError)
		mod := fs.String("mod", "", "MODULE@VERSION")
		root := fs.String("root", "", "directory of the module copy")
		errFile := fs.String("errors", "", "file for the analysis errors")
		fs.Parse(args)
		err = normalise(os.Stdin, os.Stdout, *mod, *root, *errFile)
	case "report":
		fs := flag.NewFlagSet("report", flag.ExitOnError)
		verdicts := fs.String("verdicts", "", "verdict file")
		findings := fs.String("findings", "", "normalised findings of all modules")
		stats := fs.String("stats", "", "one line per module run")
		fs.Parse(args)
		err = report(os.Stdout, *verdicts, *findings, *stats)
	default:
		err = fmt.Errorf("unknown subcommand %q", cmd)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "precisiontool:", err)
		os.Exit(1)
	}
}

// size counts the packages and lines of a go list -json stream.
func size(r io.Reader, w, errw io.Writer) error {
	type pkg struct {
		ImportPath   string
		Dir          string
		GoFiles      []string
		CgoFiles     []string
		TestGoFiles  []string
		XTestGoFiles []string
		Error        *struct{ Err string }
	}
	dec := json.NewDecoder(r)
	packages, lines := 0, 0
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		if p.Error != nil {
			fmt.Fprintf(errw, "package %s: %s\n", p.ImportPath, strings.TrimSpace(p.Error.Err))
		}
		packages++
		for _, files := range [][]string{p.GoFiles, p.CgoFiles, p.TestGoFiles, p.XTestGoFiles} {
			for _, f := range files {
				data, err := os.ReadFile(filepath.Join(p.Dir, f))
				if err != nil {
					return err
				}
				lines += bytes.Count(data, []byte("\n"))
				if len(data) > 0 && data[len(data)-1] != '\n' {
					lines++
				}
			}
		}
	}
	fmt.Fprintf(w, "%d\t%d\n", packages, lines)
	return nil
}

// dirReplaces lists the replace directives of a go.mod whose replacement
// is a directory (it has no version).
func dirReplaces(r io.Reader, w io.Writer) error {
	type version struct{ Path, Version string }
	var mod struct {
		Replace []struct{ Old, New version }
	}
	if err := json.NewDecoder(r).Decode(&mod); err != nil {
		return err
	}
	for _, rep := range mod.Replace {
		if rep.New.Version != "" {
			continue
		}
		if rep.Old.Version != "" {
			fmt.Fprintf(w, "%s@%s\n", rep.Old.Path, rep.Old.Version)
		} else {
			fmt.Fprintln(w, rep.Old.Path)
		}
	}
	return nil
}

// normalise turns wglint -json output into sorted, deduplicated finding lines.
func normalise(r io.Reader, w io.Writer, mod, root, errFile string) error {
	if mod == "" || root == "" {
		return fmt.Errorf("normalise needs -mod and -root")
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	type diag struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	}
	seen := make(map[string]bool)
	var errs []string
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("reading wglint -json output: %v", err)
		}
		for pkg, byCheck := range tree {
			for check, raw := range byCheck {
				var diags []diag
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct {
						Error string `json:"error"`
					}
					if json.Unmarshal(raw, &e) == nil && e.Error != "" {
						errs = append(errs, fmt.Sprintf("%s\t%s\t%s", pkg, check, oneLine(e.Error)))
						continue
					}
					return fmt.Errorf("package %s, check %s: unexpected JSON %s", pkg, check, raw)
				}
				for _, d := range diags {
					seen[strings.Join([]string{mod, position(d.Posn, root), check, oneLine(d.Message)}, "\t")] = true
				}
			}
		}
	}
	lines := slices.Sorted(maps.Keys(seen))
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	if errFile != "" {
		slices.Sort(errs)
		errs = slices.Compact(errs)
		var b strings.Builder
		for _, e := range errs {
			b.WriteString(e + "\n")
		}
		if err := os.WriteFile(errFile, []byte(b.String()), 0o666); err != nil {
			return err
		}
	}
	return nil
}

// position turns "/abs/file.go:LINE:COL" into "rel/file.go:LINE".
func position(posn, root string) string {
	file, line := posn, ""
	// Strip :COL, then take :LINE.
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		if _, err := strconv.Atoi(file[i+1:]); err == nil {
			file = file[:i]
		}
	}
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		if _, err := strconv.Atoi(file[i+1:]); err == nil {
			file, line = file[:i], file[i+1:]
		}
	}
	if real, err := filepath.EvalSymlinks(file); err == nil {
		file = real
	}
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = filepath.ToSlash(rel)
	}
	if line == "" {
		return file
	}
	return file + ":" + line
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

type finding struct {
	mod, pos, check, message string
}

func (f finding) key() string { return f.mod + "\t" + f.pos + "\t" + f.check }

type verdict struct {
	mod, pos, check, verdict, reason string
	line                             int
}

func (v verdict) key() string { return v.mod + "\t" + v.pos + "\t" + v.check }

type stat struct {
	module, version, packages, lines, wall, rss, status string
}

func readLines(file string) ([][]string, []int, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var rows [][]string
	var nums []int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		rows = append(rows, strings.Split(l, "\t"))
		nums = append(nums, n)
	}
	return rows, nums, sc.Err()
}

var verdictKinds = []string{"bug", "deliberate", "false"}

func report(w io.Writer, verdictFile, findingFile, statFile string) error {
	if verdictFile == "" || findingFile == "" || statFile == "" {
		return fmt.Errorf("report needs -verdicts, -findings and -stats")
	}
	statRows, _, err := readLines(statFile)
	if err != nil {
		return err
	}
	var stats []stat
	run := make(map[string]bool) // module@version
	for _, r := range statRows {
		if len(r) != 7 {
			return fmt.Errorf("%s: bad line %q", statFile, strings.Join(r, "\t"))
		}
		s := stat{r[0], r[1], r[2], r[3], r[4], r[5], r[6]}
		stats = append(stats, s)
		run[s.module+"@"+s.version] = true
	}
	findingRows, _, err := readLines(findingFile)
	if err != nil {
		return err
	}
	var findings []finding
	for _, r := range findingRows {
		if len(r) != 4 {
			return fmt.Errorf("%s: bad line %q", findingFile, strings.Join(r, "\t"))
		}
		findings = append(findings, finding{r[0], r[1], r[2], r[3]})
	}
	verdictRows, nums, err := readLines(verdictFile)
	if err != nil {
		return err
	}
	verdicts := make(map[string]verdict)
	var problems []string
	for i, r := range verdictRows {
		if len(r) != 5 {
			problems = append(problems, fmt.Sprintf("%s:%d: want 5 tab-separated fields, have %d", verdictFile, nums[i], len(r)))
			continue
		}
		v := verdict{r[0], r[1], r[2], r[3], r[4], nums[i]}
		if !slices.Contains(verdictKinds, v.verdict) {
			problems = append(problems, fmt.Sprintf("%s:%d: verdict %q is not bug, deliberate or false", verdictFile, v.line, v.verdict))
			continue
		}
		if strings.TrimSpace(v.reason) == "" {
			problems = append(problems, fmt.Sprintf("%s:%d: no reason", verdictFile, v.line))
		}
		if old, ok := verdicts[v.key()]; ok {
			problems = append(problems, fmt.Sprintf("%s:%d: same finding as line %d", verdictFile, v.line, old.line))
			continue
		}
		verdicts[v.key()] = v
	}

	// Match.
	type counts struct{ findings, bug, deliberate, false, untriaged int }
	perModule := make(map[string]*counts)
	perCheck := make(map[string]*counts)
	var total counts
	used := make(map[string]bool)
	var untriaged []string
	add := func(c *counts, verdict string) {
		c.findings++
		switch verdict {
		case "bug":
			c.bug++
		case "deliberate":
			c.deliberate++
		case "false":
			c.false++
		default:
			c.untriaged++
		}
	}
	for _, f := range findings {
		if perModule[f.mod] == nil {
			perModule[f.mod] = new(counts)
		}
		if perCheck[f.check] == nil {
			perCheck[f.check] = new(counts)
		}
		v, ok := verdicts[f.key()]
		kind := ""
		if ok {
			kind = v.verdict
			used[f.key()] = true
		} else {
			untriaged = append(untriaged, "UNTRIAGED\t"+f.mod+"\t"+f.pos+"\t"+f.check+"\t"+f.message)
		}
		add(perModule[f.mod], kind)
		add(perCheck[f.check], kind)
		add(&total, kind)
	}
	var stale []string
	for k, v := range verdicts {
		if run[v.mod] && !used[k] {
			stale = append(stale, "STALE\t"+k+"\t"+v.verdict+"\t"+v.reason)
		}
	}
	slices.Sort(untriaged)
	slices.Sort(stale)
	slices.Sort(problems)
	for _, l := range problems {
		fmt.Fprintln(w, "VERDICT FILE:", l)
	}
	for _, l := range untriaged {
		fmt.Fprintln(w, l)
	}
	for _, l := range stale {
		fmt.Fprintln(w, l)
	}
	if len(problems)+len(untriaged)+len(stale) > 0 {
		fmt.Fprintln(w)
	}

	pct := func(c counts) string {
		t := c.bug + c.deliberate
		if t+c.false == 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f%% (%d/%d)", 100*float64(t)/float64(t+c.false), t, t+c.false)
	}
	tw := newTable("module", "version", "packages", "lines", "findings", "true", "false", "untriaged", "wall", "peak RSS", "status")
	slices.SortFunc(stats, func(a, b stat) int { return strings.Compare(a.module, b.module) })
	var pkgs, lines int
	for _, s := range stats {
		c := perModule[s.module+"@"+s.version]
		if c == nil {
			c = new(counts)
		}
		p, _ := strconv.Atoi(s.packages)
		l, _ := strconv.Atoi(s.lines)
		pkgs += p
		lines += l
		rss := "?"
		if kb, err := strconv.Atoi(s.rss); err == nil {
			rss = fmt.Sprintf("%d MiB", kb/1024)
		}
		tw.row(s.module, s.version, s.packages, s.lines, strconv.Itoa(c.findings),
			strconv.Itoa(c.bug+c.deliberate), strconv.Itoa(c.false), strconv.Itoa(c.untriaged), s.wall, rss, s.status)
	}
	tw.row("total", "", strconv.Itoa(pkgs), strconv.Itoa(lines), strconv.Itoa(total.findings),
		strconv.Itoa(total.bug+total.deliberate), strconv.Itoa(total.false), strconv.Itoa(total.untriaged), "", "", "")
	tw.print(w)
	fmt.Fprintln(w)

	fmt.Fprintf(w, "precision (true = bug + deliberate, over triaged findings): %s; bugs %d, deliberate %d, false %d, untriaged %d\n",
		pct(total), total.bug, total.deliberate, total.false, total.untriaged)
	fmt.Fprintln(w)
	ct := newTable("check", "findings", "bug", "deliberate", "false", "untriaged", "precision")
	for _, name := range slices.Sorted(maps.Keys(perCheck)) {
		c := perCheck[name]
		ct.row(name, strconv.Itoa(c.findings), strconv.Itoa(c.bug), strconv.Itoa(c.deliberate),
			strconv.Itoa(c.false), strconv.Itoa(c.untriaged), pct(*c))
	}
	ct.print(w)
	if len(problems) > 0 {
		return fmt.Errorf("%d problems in %s", len(problems), verdictFile)
	}
	return nil
}

type table struct{ rows [][]string }

func newTable(header ...string) *table { return &table{rows: [][]string{header}} }

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) print(w io.Writer) {
	widths := make([]int, len(t.rows[0]))
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], len(c))
		}
	}
	for _, r := range t.rows {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			if i == 0 || i == len(r)-1 {
				b.WriteString(c + strings.Repeat(" ", widths[i]-len(c)))
			} else {
				b.WriteString(strings.Repeat(" ", widths[i]-len(c)) + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

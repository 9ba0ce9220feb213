package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// buildVersion is what the build info says of the binary.
type buildVersion struct {
	module    string // the main module's version: v1.2.3, a pseudo-version, or (devel)
	revision  string // the VCS revision, "" if not stamped
	time      string // the revision's commit time
	modified  bool   // the working tree had local changes
	goVersion string
}

func readVersion() buildVersion {
	v := buildVersion{module: "(devel)", goVersion: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" {
		v.module = bi.Main.Version
	}
	v.goVersion = bi.GoVersion
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.revision = s.Value
		case "vcs.time":
			v.time = s.Value
		case "vcs.modified":
			v.modified = s.Value == "true"
		}
	}
	return v
}

// details describes the revision and the Go version, for -version.
func (v buildVersion) details() string {
	var parts []string
	if v.revision != "" {
		rev := "revision " + v.revision
		if v.time != "" {
			rev += " of " + v.time
		}
		if v.modified {
			rev += ", with local changes"
		}
		parts = append(parts, rev)
	} else if v.module == "(devel)" {
		parts = append(parts, "no VCS information: built outside a repository or with -buildvcs=false")
	}
	parts = append(parts, "built with "+v.goVersion)
	return strings.Join(parts, "; ")
}

// printVersion prints what -version prints: the module version, then the
// revision and the Go version.
func printVersion(w io.Writer) {
	v := readVersion()
	fmt.Fprintf(w, "wglint %s (%s)\n", v.module, v.details())
}

// vetVersionFlag is wglint's -V flag, which go vet's handshake uses: it
// replaces the one of golang.org/x/tools, which prints no version. The go
// command keys its cache of vet results on the line it prints: the third
// word "devel" makes it take the last, the buildID, which is the hash of
// the executable, so a rebuilt wglint never replays stale results, even
// when its version and revision are the same (local changes).
type vetVersionFlag struct{}

func (vetVersionFlag) IsBoolFlag() bool { return true }
func (vetVersionFlag) String() string   { return "" }
func (vetVersionFlag) Set(s string) error {
	if s != "full" && s != "true" {
		return fmt.Errorf("unsupported value -V=%s (use -V=full)", s)
	}
	line, err := vetVersionLine()
	if err != nil {
		fmt.Fprintln(os.Stderr, "wglint:", err)
		os.Exit(1)
	}
	fmt.Println(line)
	os.Exit(0)
	return nil
}

// vetVersionLine returns the line -V=full prints:
//
//	wglint version devel MODULEVERSION [revision REV[+modified]] GOVERSION buildID=HASH
func vetVersionLine() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	v := readVersion()
	words := []string{"wglint", "version", "devel", v.module}
	if v.revision != "" {
		rev := v.revision
		if v.modified {
			rev += "+modified"
		}
		words = append(words, "revision", rev)
	}
	words = append(words, v.goVersion, fmt.Sprintf("buildID=%x", h.Sum(nil)))
	return strings.Join(words, " "), nil
}

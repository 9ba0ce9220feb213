// Package file exercises //wglint:file-ignore. The tests run unjoinedgo
// on it.
package file

func Work() error { return nil }

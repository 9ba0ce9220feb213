// Package empty has no declarations: nothing to report.
package empty

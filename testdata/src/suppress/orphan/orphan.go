// Package orphan holds malformed directives that name no known check. The
// alphabetically first check linked into the program reports them; the
// tests run that check on it. Nothing here is a finding of any check.
package orphan

/* want `malformed wglint directive: unknown check "nosuchcheck"; the checks are ` */ //wglint:ignore nosuchcheck reason

/* want `malformed wglint directive: no check named; write //wglint:ignore CHECK\[,CHECK\] REASON` */ //wglint:ignore

/* want `malformed wglint directive: no check named; write //wglint:file-ignore CHECK\[,CHECK\] REASON` */ //wglint:file-ignore

/* want `malformed wglint directive: empty check name in ","` */ //wglint:ignore , reason

/* want `malformed wglint directive: unknown directive //wglint:nolint; the directives are //wglint:ignore and //wglint:file-ignore` */ //wglint:nolint unjoinedgo reason

/* want `malformed wglint directive: unknown directive //wglint:; the directives are` */ //wglint:

// F does nothing concurrent.
func F() int { return 1 } // ok

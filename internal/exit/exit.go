// Package exit defines ampgo's exit codes and the error kinds that carry them.
// Product packages return these errors; main maps them to the process exit code
// and prints the hint after the error, both on stderr.
package exit

import (
	"errors"
	"fmt"
)

// Exit codes of DESIGN.md §2.
const (
	OK           = 0
	Failure      = 1
	Usage        = 2
	Requirements = 3
	Credentials  = 4
	// Pending is only `ampgo status --exit-code`: changes to push or drift.
	Pending     = 5
	Interrupted = 130
)

// Meaning is one exit code and what it means, as the help shows it.
type Meaning struct {
	Code    int
	Meaning string
}

// Codes is every exit code with its meaning, in code order: the one table
// the root help and `ampgo help exit-codes` print (README and DESIGN.md say
// the same in prose).
var Codes = []Meaning{
	{OK, "success, including a confirmation you declined (nothing was changed)"},
	{Failure, "an error: AWS or the network failed after every retry, a deploy failed, a project file is broken"},
	{Usage, "usage: an unknown command or flag, a malformed id, a bad --output or --region, conflicting flags, a missing input without a terminal; nothing was sent to AWS"},
	{Requirements, "requirements: the Cognito resources do not meet them, or a named resource does not exist"},
	{Credentials, "AWS credentials are missing or expired, or the caller is not allowed an action (the message names it)"},
	{Pending, "only `ampgo status --exit-code`: there are changes to push or drift"},
	{Interrupted, "interrupted (Ctrl-C, SIGTERM); the message says whether anything was sent to AWS"},
}

// Error is an error with an exit code and an optional hint that tells the
// user how to fix it.
type Error struct {
	Code int
	Err  error
	Fix  string
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// ExitCode returns the process exit code for this error.
func (e *Error) ExitCode() int { return e.Code }

// Hint returns how to fix the problem, or "".
func (e *Error) Hint() string { return e.Fix }

// UsageErrorf is a bad flag or a missing input when ampgo cannot prompt (exit 2).
func UsageErrorf(hint, format string, a ...any) error {
	return &Error{Code: Usage, Err: fmt.Errorf(format, a...), Fix: hint}
}

// RequirementsErrorf means the Cognito resources do not meet the requirements (exit 3).
func RequirementsErrorf(hint, format string, a ...any) error {
	return &Error{Code: Requirements, Err: fmt.Errorf(format, a...), Fix: hint}
}

// CredentialsError wraps a missing, expired or insufficient credentials error (exit 4).
func CredentialsError(err error, hint string) error {
	return &Error{Code: Credentials, Err: err, Fix: hint}
}

// Code returns the exit code carried by err: 0 for nil, the code of the
// outermost exit error in its chain, or Failure.
func Code(err error) int {
	if err == nil {
		return OK
	}
	var c interface{ ExitCode() int }
	if errors.As(err, &c) {
		return c.ExitCode()
	}
	return Failure
}

// Hint returns the hint of the first error in err's chain that has one.
func Hint(err error) string {
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		return h.Hint()
	}
	return ""
}

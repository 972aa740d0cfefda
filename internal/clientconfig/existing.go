package clientconfig

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// ExistingFileError reports an existing config file that ampgo cannot read
// back. ampgo then refuses to overwrite it, because keys the user added to
// the file would be lost (DESIGN.md §1 promise 3).
type ExistingFileError struct {
	// File is the file's base name, e.g. "aws-exports.js".
	File string
	// Reason says what could not be read.
	Reason string
}

// Error implements error.
func (e *ExistingFileError) Error() string {
	return fmt.Sprintf("read existing %s: %s", e.File, e.Reason)
}

// Hint tells the user how to make the file readable again.
func (e *ExistingFileError) Hint() string {
	switch e.File {
	case "aws-exports.js":
	case "amplifyconfiguration.dart":
		return "ampgo keeps settings you add to " + e.File + ", but it can only read the generated shape: " +
			"\"const amplifyconfig = ''' {...}''';\" with one plain JSON object inside the ''' string. " +
			"Fix the JSON, or move the file away and run `ampgo generate config` again."
	default:
		return "ampgo keeps settings you add to " + e.File + ", but the file must be one plain JSON object. " +
			"Fix the JSON, or move the file away and run `ampgo generate config` again."
	}
	return "ampgo keeps keys you add to " + e.File + ", but it can only read the generated shape: " +
		"\"const awsmobile = {...};\" with a plain JSON object (quoted keys, no comments, variables " +
		"or trailing commas inside it), followed by \"export default awsmobile;\". Put custom settings " +
		"into that object as JSON, or move the file away and run `ampgo generate config` again."
}

var (
	// The Amplify CLI's templates: "const awsmobile = " (any declaration
	// keyword is accepted, since the value is what matters).
	assignRE = regexp.MustCompile(`^(?:const|let|var)\s+awsmobile\s*=\s*`)
	// "export default awsmobile;" (current template) or
	// "exports.default = awsmobile;" (older CommonJS template).
	exportRE = regexp.MustCompile(`^(?:export\s+default\s+awsmobile|(?:module\.exports|exports\.default)\s*=\s*awsmobile)\s*;?`)
)

// readAWSExports returns the object of an existing aws-exports.js, or an
// empty object when there is no file. Anything but comments around the assignment and the
// export is refused: code the user added there would be silently dropped by
// a rewrite.
func readAWSExports(data []byte) (*jsonobj.Object, error) {
	fail := func(format string, args ...any) (*jsonobj.Object, error) {
		return nil, &ExistingFileError{File: "aws-exports.js", Reason: fmt.Sprintf(format, args...)}
	}
	rest := skipSpaceAndComments(bytes.TrimPrefix(data, []byte("\ufeff")))
	if len(rest) == 0 {
		return jsonobj.New(), nil
	}
	loc := assignRE.FindIndex(rest)
	if loc == nil {
		return fail("expected \"const awsmobile = {\" near %q", excerpt(rest))
	}
	rest = rest[loc[1]:]
	obj, n, err := jsonobj.ParsePrefix(rest)
	if err != nil {
		return fail("the awsmobile object is not plain JSON (%v)", err)
	}
	rest = skipSpaceAndComments(rest[n:])
	if len(rest) > 0 && rest[0] == ';' {
		rest = skipSpaceAndComments(rest[1:])
	}
	loc = exportRE.FindIndex(rest)
	if loc == nil {
		return fail("expected \"export default awsmobile;\" near %q", excerpt(rest))
	}
	if rest = skipSpaceAndComments(rest[loc[1]:]); len(rest) > 0 {
		return fail("unexpected code after the export: %q", excerpt(rest))
	}
	return obj, nil
}

// skipSpaceAndComments drops leading white space, // line comments and
// /* block */ comments.
func skipSpaceAndComments(b []byte) []byte {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("//")):
			i := bytes.IndexByte(b, '\n')
			if i < 0 {
				return nil
			}
			b = b[i+1:]
		case bytes.HasPrefix(b, []byte("/*")):
			i := bytes.Index(b[2:], []byte("*/"))
			if i < 0 {
				return b // unterminated: left for the caller to reject
			}
			b = b[2+i+2:]
		default:
			return b
		}
	}
}

func excerpt(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

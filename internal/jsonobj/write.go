package jsonobj

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The writer: every project file and client config file ampgo writes goes
// through Indent, so that it has the bytes the Amplify CLI's JSON.stringify(v, null, indent) would
// give. encoding/json differs from JSON.stringify in ways users see when
// they diff a file the CLI wrote before: it escapes <, > and & (unless told
// not to) and always U+2028 and U+2029, and writes -0 as "-0".
//
// Deliberate differences from JSON.stringify, none of which ampgo's own
// values reach:
//   - a number read from a file (json.Number) is written as it was written
//     (1.50 stays 1.50, a 20-digit id keeps its digits), where JavaScript
//     would rewrite it as a double;
//   - Go integers are written exactly, also beyond 2^53;
//   - NaN and ±Inf are an error (JavaScript writes null);
//   - a byte that is not UTF-8 is written as U+FFFD (a JavaScript string
//     cannot hold it; Node reads such a byte of a file as U+FFFD too);
//   - integer-like keys stay where they are (JavaScript lists them first).

// Compact writes v like JSON.stringify(v): no white space.
func Compact(v any) ([]byte, error) { return Indent(v, "") }

// Indent writes v like JSON.stringify(v, null, indent): one member or item
// a line, indented by indent a level, ": " after keys, "{}" and "[]" for
// empty values, no trailing newline. With indent "" it is Compact.
func Indent(v any, indent string) ([]byte, error) {
	w := writer{indent: indent}
	if err := w.value(v, ""); err != nil {
		return nil, err
	}
	return w.b.Bytes(), nil
}

type writer struct {
	b      bytes.Buffer
	indent string
}

func (w *writer) value(v any, prefix string) error {
	switch v := v.(type) {
	case nil:
		w.b.WriteString("null")
	case *Object:
		if v == nil {
			w.b.WriteString("null")
			return nil
		}
		return w.object(v, prefix)
	case Object:
		return w.object(&v, prefix)
	case json.RawMessage:
		if err := w.raw(v, prefix); err != nil {
			return fmt.Errorf("write JSON value: %w", err)
		}
	case string:
		writeString(&w.b, v)
	case bool:
		w.b.WriteString(strconv.FormatBool(v))
	case json.Number:
		if !isNumber(string(v)) {
			return fmt.Errorf("write JSON: invalid number literal %q", string(v))
		}
		w.b.WriteString(string(v))
	case int, int8, int16, int32, int64:
		w.b.WriteString(strconv.FormatInt(reflect.ValueOf(v).Int(), 10))
	case uint, uint8, uint16, uint32, uint64:
		w.b.WriteString(strconv.FormatUint(reflect.ValueOf(v).Uint(), 10))
	case float64:
		return writeNumber(&w.b, v)
	case float32:
		return writeNumber(&w.b, float64(v))
	case []byte:
		// encoding/json would write base64; JSON text is a json.RawMessage.
		return fmt.Errorf("write JSON: []byte value (want json.RawMessage or string)")
	case []string:
		return w.array(len(v), func(i int) any { return v[i] }, prefix)
	case []any:
		return w.array(len(v), func(i int) any { return v[i] }, prefix)
	default:
		// Structs, maps and the like: encoding/json decides what they
		// encode to, the writer how it is written.
		raw, err := encode(v)
		if err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		return w.value(raw, prefix)
	}
	return nil
}

func (w *writer) object(o *Object, prefix string) error {
	if o.Len() == 0 {
		w.b.WriteString("{}")
		return nil
	}
	inner := prefix + w.indent
	w.b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.newline(inner)
		writeString(&w.b, k)
		w.b.WriteByte(':')
		if w.indent != "" {
			w.b.WriteByte(' ')
		}
		if err := w.value(o.vals[k], inner); err != nil {
			return err
		}
	}
	w.newline(prefix)
	w.b.WriteByte('}')
	return nil
}

func (w *writer) array(n int, item func(int) any, prefix string) error {
	if n == 0 {
		w.b.WriteString("[]")
		return nil
	}
	inner := prefix + w.indent
	w.b.WriteByte('[')
	for i := range n {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.newline(inner)
		if err := w.value(item(i), inner); err != nil {
			return err
		}
	}
	w.newline(prefix)
	w.b.WriteByte(']')
	return nil
}

// newline starts a line at prefix; compact output has none.
func (w *writer) newline(prefix string) {
	if w.indent != "" {
		w.b.WriteByte('\n')
		w.b.WriteString(prefix)
	}
}

// writeString quotes s like JSON.stringify (ECMA-262 QuoteJSONString): '"',
// '\\' and the control characters below U+0020 are escaped, everything else
// (<, >, &, U+2028, U+2029, characters outside the BMP) is written as it is.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

// writeNumber writes f like JavaScript's Number::toString (ECMA-262
// 6.1.6.1.20): the shortest digits that read back as f, in plain notation
// for exponents from -7 to 20 and as d.ddde±n beyond.
func writeNumber(b *bytes.Buffer, f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("write JSON: unsupported number %v", f)
	}
	if f == 0 { // -0 too
		b.WriteByte('0')
		return nil
	}
	if f < 0 {
		b.WriteByte('-')
		f = -f
	}
	// "d.ddddde±xx": the shortest digits and the exponent of the first.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k, n := len(digits), x+1 // f = digits × 10^(n-k)
	switch {
	case k <= n && n <= 21:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", n-k))
	case 0 < n && n <= 21:
		b.WriteString(digits[:n])
		b.WriteByte('.')
		b.WriteString(digits[n:])
	case -6 < n && n <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -n))
		b.WriteString(digits)
	default:
		b.WriteByte(digits[0])
		if k > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('e')
		if n-1 >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(n - 1))
	}
	return nil
}

// isNumber reports whether s is exactly one JSON number literal.
func isNumber(s string) bool {
	return s != "" && (s[0] == '-' || s[0] >= '0' && s[0] <= '9') &&
		s[len(s)-1] >= '0' && s[len(s)-1] <= '9' && json.Valid([]byte(s))
}

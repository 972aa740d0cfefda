package clientconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// object is a JSON object that keeps its key order, so rendered files list
// keys in the order the Amplify CLI writes them and preserved user keys stay
// where they were relative to each other.
type object []member

type member struct {
	key   string
	value any
}

// set replaces the value of key in place, or appends key at the end (the
// order JavaScript gives an object's keys).
func (o *object) set(key string, v any) {
	for i := range *o {
		if (*o)[i].key == key {
			(*o)[i].value = v
			return
		}
	}
	*o = append(*o, member{key, v})
}

func (o object) has(key string) bool {
	for _, m := range o {
		if m.key == key {
			return true
		}
	}
	return false
}

// stringify renders v byte for byte like JavaScript's
// JSON.stringify(v, null, indent): ": " after keys, one member per line,
// "{}" and "[]" for empty values, no trailing newline. Supported values are
// object, []any, []string, string, bool, int, json.Number and nil.
func stringify(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	if err := writeValue(&b, v, indent, ""); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeValue(b *bytes.Buffer, v any, indent, prefix string) error {
	inner := prefix + indent
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case json.Number:
		b.WriteString(v.String())
	case string:
		writeString(b, v)
	case []string:
		items := make([]any, len(v))
		for i, s := range v {
			items[i] = s
		}
		return writeValue(b, items, indent, prefix)
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteString("[\n")
		for i, item := range v {
			b.WriteString(inner)
			if err := writeValue(b, item, indent, inner); err != nil {
				return err
			}
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(prefix + "]")
	case object:
		if len(v) == 0 {
			b.WriteString("{}")
			return nil
		}
		b.WriteString("{\n")
		for i, m := range v {
			b.WriteString(inner)
			writeString(b, m.key)
			b.WriteString(": ")
			if err := writeValue(b, m.value, indent, inner); err != nil {
				return err
			}
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(prefix + "}")
	default:
		return fmt.Errorf("stringify: unsupported value of type %T", v)
	}
	return nil
}

// writeString quotes s like JSON.stringify: only '"', '\\' and control
// characters are escaped. (encoding/json also escapes <, >, &, U+2028 and
// U+2029, which would change the bytes of URLs users diff.)
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
			b.WriteString(`\ufffd`)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

// parseOrdered decodes one JSON value from dec into object, []any, string,
// json.Number, bool or nil, keeping the order of object keys. Duplicate keys
// keep their first position and their last value, as in JavaScript.
func parseOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := object{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key is %v, not a string", kt)
				}
				v, err := parseOrdered(dec)
				if err != nil {
					return nil, err
				}
				o.set(key, v)
			}
			if _, err := dec.Token(); err != nil { // '}'
				return nil, err
			}
			return o, nil
		case '[':
			items := []any{}
			for dec.More() {
				v, err := parseOrdered(dec)
				if err != nil {
					return nil, err
				}
				items = append(items, v)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, err
			}
			return items, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case string, json.Number, bool, nil:
		return t, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// parseObjectPrefix decodes the JSON object at the start of data and returns
// it with the number of bytes it used.
func parseObjectPrefix(data []byte) (object, int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parseOrdered(dec)
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, 0, err
	}
	o, ok := v.(object)
	if !ok {
		return nil, 0, errors.New("value is not an object")
	}
	return o, int(dec.InputOffset()), nil
}

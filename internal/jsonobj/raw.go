package jsonobj

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// writeRaw writes JSON text. Text already in the writer's own form (every
// string escaped as writeString escapes it, no key twice in an object, as
// in every file ampgo wrote) only has its white space changed, by
// encoding/json's Indent, which leaves strings and numbers alone: that is
// several times faster than a token-by-token rewrite of a large file. Any
// other text goes through the tree.
func (w *writer) raw(raw json.RawMessage, prefix string) error {
	raw = bytes.TrimSpace(raw)
	if json.Valid(raw) && utf8.Valid(raw) && canonical(raw) {
		if w.indent == "" {
			return json.Compact(&w.b, raw)
		}
		return json.Indent(&w.b, raw, prefix, w.indent)
	}
	tree, err := parseTree(raw)
	if err != nil {
		return err
	}
	return w.value(tree, prefix)
}

// canonical reports whether the valid JSON text raw has its strings in the
// form writeString gives them and no object with a key twice (the tree
// keeps the last value of a repeated key, as JSON.parse does).
func canonical(raw []byte) bool {
	// keys holds the keys seen in each enclosing object (nil: an array).
	var keys []map[string]bool
	isKey := false // the next string is an object key
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			keys = append(keys, map[string]bool{})
			isKey = true
		case '[':
			keys = append(keys, nil)
		case '}', ']':
			keys = keys[:len(keys)-1]
		case ',':
			isKey = keys[len(keys)-1] != nil
		case '"':
			end, ok := canonicalString(raw, i)
			if !ok {
				return false
			}
			if isKey {
				k := string(raw[i:end]) // canonical: same bytes, same key
				if keys[len(keys)-1][k] {
					return false
				}
				keys[len(keys)-1][k] = true
				isKey = false
			}
			i = end - 1
		}
	}
	return true
}

// canonicalString returns the end of the string literal starting at
// raw[start] and whether writeString would write its value the same way:
// no escapes but \" \\ \b \f \n \r \t and lower-case \u00xx for the other
// control characters.
func canonicalString(raw []byte, start int) (end int, ok bool) {
	for i := start + 1; i < len(raw); i++ {
		switch raw[i] {
		case '"':
			return i + 1, true
		case '\\':
			i++
			switch raw[i] {
			case '"', '\\', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(raw) || raw[i+1] != '0' || raw[i+2] != '0' || !lowerHex(raw[i+4]) ||
					(raw[i+3] != '0' && raw[i+3] != '1') {
					return 0, false
				}
				switch c := unhex(raw[i+3])<<4 | unhex(raw[i+4]); c {
				case '\b', '\f', '\n', '\r', '\t':
					return 0, false // has a short escape
				}
				i += 4
			default:
				return 0, false // \/
			}
		}
	}
	return 0, false
}

func lowerHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'a' + 10
}

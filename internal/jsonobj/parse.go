package jsonobj

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxDepth is how deeply arrays and objects may nest, as in encoding/json
// (whose scanner refuses deeper input): the tree parser below recurses once
// a level, so input it did not get from a scanner is bounded the same way.
const maxDepth = 10000

// Parse parses data that must hold exactly one JSON object: null, an array
// or anything else is an error (UnmarshalJSON alone would take null as an
// empty object, and a save would then replace the file). A syntax error
// names its byte offset.
func Parse(data []byte) (*Object, error) {
	if err := syntaxError(data); err != nil {
		return nil, err
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); t[0] != '{' {
		return nil, errors.New("want a JSON object")
	}
	return parseMembers(data)
}

// ParsePrefix parses the JSON object at the start of data (after white
// space) and returns it with the number of bytes it used; what follows is
// the caller's (the rest of a JavaScript or Dart file).
func ParsePrefix(data []byte) (*Object, int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, 0, err
	}
	if raw[0] != '{' {
		return nil, 0, errors.New("value is not an object")
	}
	o, err := parseMembers(raw)
	if err != nil {
		return nil, 0, err
	}
	return o, int(dec.InputOffset()), nil
}

// parseMembers reads one object (or null: empty) and nothing after it,
// keeping each member's value as JSON text.
func parseMembers(data []byte) (*Object, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	o := New()
	if t != nil {
		if d, ok := t.(json.Delim); !ok || d != '{' {
			return nil, fmt.Errorf("want a JSON object, found %v", t)
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key, _ := t.(string) // object keys are always strings
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			o.Set(key, v)
		}
		if _, err := dec.Token(); err != nil { // the closing brace
			return nil, err
		}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the JSON object")
	}
	return o, nil
}

// parseTree decodes one JSON value whole: objects (duplicate keys keep
// their first position and last value, as JSON.parse does), []any, string,
// json.Number (its text as written), bool or nil.
func parseTree(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := parseValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return v, nil
}

func parseValue(dec *json.Decoder, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil // string, json.Number, bool or nil
	}
	if depth >= maxDepth {
		return nil, fmt.Errorf("exceeded max depth %d", maxDepth)
	}
	switch d {
	case '{':
		o := New()
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key, _ := kt.(string) // object keys are always strings
			v, err := parseValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			o.Set(key, v)
		}
		_, err := dec.Token() // '}'
		return o, err
	case '[':
		items := []any{}
		for dec.More() {
			v, err := parseValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			items = append(items, v)
		}
		_, err := dec.Token() // ']'
		return items, err
	}
	return nil, fmt.Errorf("unexpected %v", d)
}

// syntaxError returns the JSON syntax error of data (with its offset), or nil.
func syntaxError(data []byte) error {
	if json.Valid(data) {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w (at byte %d)", err, se.Offset)
	}
	if err == nil {
		err = errors.New("not valid JSON")
	}
	return err
}

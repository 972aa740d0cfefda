package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// object is a JSON object that remembers the order of its keys. Project files
// are held as objects of raw values, so keys keep their file order and every
// value ampgo does not understand (other categories, keys written by the
// Amplify CLI or a newer ampgo) survives a load and save unchanged. Typed
// values are decoded from and encoded into single entries on demand.
type object struct {
	keys []string
	vals map[string]json.RawMessage
}

func newObject() *object { return &object{vals: map[string]json.RawMessage{}} }

// parseObject parses a whole file that must hold one JSON object: null, an
// array or anything else is an error (UnmarshalJSON alone would take null
// as an empty object, and a save would then replace the file).
func parseObject(data []byte) (*object, error) {
	if d := describe(data); d != "an object" {
		if err := syntaxError(data); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("want a JSON object")
	}
	if err := syntaxError(data); err != nil {
		return nil, err
	}
	o := newObject()
	if err := o.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return o, nil
}

// UnmarshalJSON reads an object keeping its key order; null is an empty object.
func (o *object) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	t, err := dec.Token()
	if err != nil {
		return err
	}
	o.keys, o.vals = nil, map[string]json.RawMessage{}
	if t == nil {
		return nil
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("want a JSON object, found %v", t)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string) // object keys are always strings
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		o.set(key, v)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON object")
	}
	return nil
}

// MarshalJSON writes the object compactly, in key order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(o.vals[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (o *object) len() int { return len(o.keys) }

func (o *object) has(key string) bool {
	_, ok := o.vals[key]
	return ok
}

// set replaces the value of key in place, or appends key.
func (o *object) set(key string, v json.RawMessage) {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

func (o *object) del(key string) bool {
	if _, ok := o.vals[key]; !ok {
		return false
	}
	delete(o.vals, key)
	for i, k := range o.keys {
		if k == key {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
	return true
}

// put encodes v and sets it as the value of key.
func (o *object) put(key string, v any) error {
	raw, err := marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	o.set(key, raw)
	return nil
}

// decode decodes the value of key into v; it reports whether key exists.
func (o *object) decode(key string, v any) (bool, error) {
	raw, ok := o.vals[key]
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("decode %s: %w", key, err)
	}
	return true, nil
}

// child decodes the object at key; a missing key gives an empty object.
func (o *object) child(key string) (*object, error) {
	c := newObject()
	if _, err := o.decode(key, c); err != nil {
		return nil, err
	}
	return c, nil
}

// lookup walks path through nested objects and returns the raw value there.
func (o *object) lookup(path ...string) (json.RawMessage, bool) {
	cur := o
	for i, k := range path {
		raw, ok := cur.vals[k]
		if !ok {
			return nil, false
		}
		if i == len(path)-1 {
			return raw, true
		}
		next := newObject()
		if err := json.Unmarshal(raw, next); err != nil {
			return nil, false
		}
		cur = next
	}
	return nil, false
}

// lookupObject is lookup for an object value; missing or not an object gives
// an empty object.
func (o *object) lookupObject(path ...string) *object {
	c := newObject()
	if raw, ok := o.lookup(path...); ok {
		if err := json.Unmarshal(raw, c); err != nil {
			return newObject()
		}
	}
	return c
}

// setIn sets the value at path, creating objects on the way.
func (o *object) setIn(path []string, v json.RawMessage) error {
	if len(path) == 1 {
		o.set(path[0], v)
		return nil
	}
	c, err := o.child(path[0])
	if err != nil {
		return err
	}
	if err := c.setIn(path[1:], v); err != nil {
		return err
	}
	return o.put(path[0], c)
}

// putIn encodes v and sets it at path.
func (o *object) putIn(path []string, v any) error {
	raw, err := marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path[len(path)-1], err)
	}
	return o.setIn(path, raw)
}

// deleteIn deletes the value at path, then every object on the path (below
// o itself) that became empty. It reports whether anything was deleted.
func (o *object) deleteIn(path []string) (bool, error) {
	if len(path) == 1 {
		return o.del(path[0]), nil
	}
	if !o.has(path[0]) {
		return false, nil
	}
	c, err := o.child(path[0])
	if err != nil {
		return false, err
	}
	deleted, err := c.deleteIn(path[1:])
	if err != nil || !deleted {
		return false, err
	}
	if c.len() == 0 {
		o.del(path[0])
		return true, nil
	}
	return true, o.put(path[0], c)
}

func (o *object) clone() *object {
	c := newObject()
	for _, k := range o.keys {
		c.set(k, append(json.RawMessage(nil), o.vals[k]...))
	}
	return c
}

// marshal encodes v compactly without HTML escaping, so URLs with '&' stay
// readable and match what the Amplify CLI (JSON.stringify) writes.
func marshal(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// render is the on-disk form of every JSON file ampgo writes: 2-space
// indentation, like JSON.stringify(v, null, 2) in the Amplify CLI, and a
// trailing newline.
func render(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
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

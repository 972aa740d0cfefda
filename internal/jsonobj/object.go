// Package jsonobj is the JSON object both the project files and the client
// config files are held in: it keeps the order of its keys (the order the
// Amplify CLI, or the user, wrote them), keeps every value ampgo does not
// understand unchanged, and is written byte for byte like JavaScript's
// JSON.stringify writes it (write.go).
package jsonobj

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Object is a JSON object that remembers the order of its keys. A value is
// whatever was set: json.RawMessage for a parsed member (decoded into a
// typed value or a nested Object only when asked for), *Object, or a Go
// value the writer knows (string, bool, integers, float64, json.Number,
// []string, []any, nil; anything else is encoded with encoding/json first).
// The zero value is not usable; start from New, Parse or FromValue.
type Object struct {
	keys []string
	vals map[string]any
}

// New returns an empty object.
func New() *Object { return &Object{vals: map[string]any{}} }

// FromValue encodes v (a struct or a map) with encoding/json and returns
// the object it encodes to, keeping the struct's field order.
func FromValue(v any) (*Object, error) {
	raw, err := encode(v)
	if err != nil {
		return nil, err
	}
	return Parse(raw)
}

// Len is the number of keys.
func (o *Object) Len() int { return len(o.keys) }

// Keys returns a copy of the keys, in order.
func (o *Object) Keys() []string { return slices.Clone(o.keys) }

// Has reports whether key is set.
func (o *Object) Has(key string) bool {
	_, ok := o.vals[key]
	return ok
}

// Get returns the value of key as it is held (see Object).
func (o *Object) Get(key string) (any, bool) {
	v, ok := o.vals[key]
	return v, ok
}

// Set replaces the value of key in place, or appends key: the order
// JavaScript gives an object's keys (apart from integer-like keys, which
// JavaScript moves to the front and ampgo leaves where they are). It
// returns o, so that an object can be built in one expression.
func (o *Object) Set(key string, v any) *Object {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
	return o
}

// Delete removes key and reports whether it was set.
func (o *Object) Delete(key string) bool {
	if _, ok := o.vals[key]; !ok {
		return false
	}
	delete(o.vals, key)
	if i := slices.Index(o.keys, key); i >= 0 {
		o.keys = slices.Delete(o.keys, i, i+1)
	}
	return true
}

// Put encodes v now (a later change to v does not show) and sets it as the
// value of key.
func (o *Object) Put(key string, v any) error {
	val, err := snapshot(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	o.Set(key, val)
	return nil
}

// Raw returns the value of key as JSON (nil when key is not set, or when
// the value cannot be encoded).
func (o *Object) Raw(key string) json.RawMessage {
	v, ok := o.vals[key]
	if !ok {
		return nil
	}
	raw, err := rawOf(v)
	if err != nil {
		return nil
	}
	return raw
}

// Decode decodes the value of key into v; it reports whether key is set.
func (o *Object) Decode(key string, v any) (bool, error) {
	val, ok := o.vals[key]
	if !ok {
		return false, nil
	}
	raw, err := rawOf(val)
	if err == nil {
		err = json.Unmarshal(raw, v)
	}
	if err != nil {
		return true, fmt.Errorf("decode %s: %w", key, err)
	}
	return true, nil
}

// DecodeInto decodes the whole object into v.
func (o *Object) DecodeInto(v any) error {
	raw, err := Compact(o)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// Child returns a copy of the object at key; a missing key or null gives an
// empty object, any other value that is not an object an error.
func (o *Object) Child(key string) (*Object, error) {
	v, ok := o.vals[key]
	if !ok {
		return New(), nil
	}
	c, err := objectOf(v)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", key, err)
	}
	if c == v {
		return c.Clone(), nil
	}
	return c, nil
}

// Lookup walks path through nested objects and returns the JSON value there.
func (o *Object) Lookup(path ...string) (json.RawMessage, bool) {
	v, ok := o.lookup(path)
	if !ok {
		return nil, false
	}
	raw, err := rawOf(v)
	if err != nil {
		return nil, false
	}
	return raw, true
}

// LookupObject returns a copy of the object at path; a missing path or a
// value that is not an object gives an empty object.
func (o *Object) LookupObject(path ...string) *Object {
	v, ok := o.lookup(path)
	if !ok {
		return New()
	}
	c, err := objectOf(v)
	if err != nil {
		return New()
	}
	if c == v {
		return c.Clone()
	}
	return c
}

func (o *Object) lookup(path []string) (any, bool) {
	if len(path) == 0 {
		return nil, false
	}
	cur := o
	for _, k := range path[:len(path)-1] {
		v, ok := cur.vals[k]
		if !ok {
			return nil, false
		}
		next, err := objectOf(v)
		if err != nil {
			return nil, false
		}
		cur = next
	}
	v, ok := cur.vals[path[len(path)-1]]
	return v, ok
}

// SetIn sets the value at path, creating objects on the way.
func (o *Object) SetIn(path []string, v any) error {
	if len(path) == 1 {
		o.Set(path[0], v)
		return nil
	}
	c, err := o.Child(path[0])
	if err != nil {
		return err
	}
	if err := c.SetIn(path[1:], v); err != nil {
		return err
	}
	o.Set(path[0], c)
	return nil
}

// PutIn encodes v now and sets it at path, creating objects on the way.
func (o *Object) PutIn(path []string, v any) error {
	val, err := snapshot(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path[len(path)-1], err)
	}
	return o.SetIn(path, val)
}

// DeleteIn deletes the value at path, then every object on the path (below
// o itself) that became empty. It reports whether anything was deleted.
func (o *Object) DeleteIn(path []string) (bool, error) {
	if len(path) == 1 {
		return o.Delete(path[0]), nil
	}
	if !o.Has(path[0]) {
		return false, nil
	}
	c, err := o.Child(path[0])
	if err != nil {
		return false, err
	}
	deleted, err := c.DeleteIn(path[1:])
	if err != nil || !deleted {
		return false, err
	}
	if c.Len() == 0 {
		o.Delete(path[0])
	} else {
		o.Set(path[0], c)
	}
	return true, nil
}

// Clone returns a copy of o: nested objects and JSON values are copied,
// other Go values (slices) are shared.
func (o *Object) Clone() *Object {
	c := &Object{keys: slices.Clone(o.keys), vals: make(map[string]any, len(o.vals))}
	for k, v := range o.vals {
		switch v := v.(type) {
		case *Object:
			if v != nil {
				c.vals[k] = v.Clone()
				continue
			}
		case json.RawMessage:
			c.vals[k] = slices.Clone(v)
			continue
		}
		c.vals[k] = v
	}
	return c
}

// MarshalJSON writes the object compactly, in key order, like
// JSON.stringify(o), for an Object inside a value given to encoding/json
// (which then escapes <, > and & again unless told not to). To write a
// file, use Indent.
func (o *Object) MarshalJSON() ([]byte, error) { return Compact(o) }

// UnmarshalJSON reads an object keeping its key order; null is an empty
// object. Duplicate keys keep their first position and their last value, as
// JSON.parse does.
func (o *Object) UnmarshalJSON(data []byte) error {
	p, err := parseMembers(data)
	if err != nil {
		return err
	}
	*o = *p
	return nil
}

// objectOf returns v as an object: v itself when it is one (the caller
// must not change it), else decoded from its JSON (null: empty).
func objectOf(v any) (*Object, error) {
	if c, ok := v.(*Object); ok && c != nil {
		return c, nil
	}
	raw, err := rawOf(v)
	if err != nil {
		return nil, err
	}
	c := New()
	if err := c.UnmarshalJSON(raw); err != nil {
		return nil, err
	}
	return c, nil
}

// snapshot returns v as a value a later change to v does not reach: a copy
// of an object, anything else encoded.
func snapshot(v any) (any, error) {
	if c, ok := v.(*Object); ok && c != nil {
		return c.Clone(), nil
	}
	return encode(v)
}

// rawOf returns v as JSON: a json.RawMessage as it is, anything else
// written compactly.
func rawOf(v any) (json.RawMessage, error) {
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	return Compact(v)
}

// encode encodes v with encoding/json, without HTML escaping and without
// the trailing newline. Its output is read back or rewritten by the
// writer, never written to a file as it is.
func encode(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

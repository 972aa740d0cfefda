package jsonobj

import (
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestObjectEdits(t *testing.T) {
	const in = `{"z":1,"a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`
	tests := []struct {
		name string
		edit func(o *Object) error
		want string
	}{
		{name: "unchanged keeps order, numbers and characters", edit: func(*Object) error { return nil },
			want: `{"z":1,"a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "set existing keeps position", edit: func(o *Object) error { return o.Put("z", "new") },
			want: `{"z":"new","a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "set new appends", edit: func(o *Object) error { return o.PutIn([]string{"a", "m", "y"}, 2) },
			want: `{"z":1,"a":{"m":{"x":true,"y":2},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "set in creates objects", edit: func(o *Object) error { return o.SetIn([]string{"q", "r"}, "s") },
			want: `{"z":1,"a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50,"q":{"r":"s"}}`},
		{name: "set in through a non-object fails", edit: func(o *Object) error {
			if err := o.SetIn([]string{"url", "x"}, 1); err == nil {
				return errors.New("SetIn through a string succeeded")
			}
			return nil
		}, want: in},
		{name: "delete prunes emptied objects", edit: func(o *Object) error { _, err := o.DeleteIn([]string{"a", "m", "x"}); return err },
			want: `{"z":1,"a":{"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "delete missing is a no-op", edit: func(o *Object) error { _, err := o.DeleteIn([]string{"q", "r"}); return err },
			want: in},
		{name: "delete top-level key", edit: func(o *Object) error { o.Delete("a"); return nil },
			want: `{"z":1,"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "put copies an object", edit: func(o *Object) error {
			c := New().Set("k", 1)
			err := o.Put("z", c)
			c.Set("later", 2)
			return err
		}, want: `{"z":{"k":1},"a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "looked-up objects are copies", edit: func(o *Object) error {
			o.LookupObject("a", "m").Set("x", false)
			c, err := o.Child("a")
			c.Set("new", 1)
			return err
		}, want: in},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Parse([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.edit(o); err != nil {
				t.Fatal(err)
			}
			got, err := Compact(o)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestObjectReads(t *testing.T) {
	o, err := Parse([]byte(`{"b":{"c":{"d":"e"},"s":"x"},"a":null,"b2":[1]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Keys(); !slices.Equal(got, []string{"b", "a", "b2"}) {
		t.Errorf("Keys = %v", got)
	}
	if raw, ok := o.Lookup("b", "c", "d"); !ok || string(raw) != `"e"` {
		t.Errorf("Lookup b.c.d = %s, %v", raw, ok)
	}
	for _, path := range [][]string{{"x"}, {"b", "s", "d"}, {"b2", "0"}, {}} {
		if raw, ok := o.Lookup(path...); ok {
			t.Errorf("Lookup %v = %s, want none", path, raw)
		}
	}
	if n := o.LookupObject("b", "s").Len(); n != 0 {
		t.Errorf("LookupObject of a string has %d keys", n)
	}
	if n := o.LookupObject("a").Len(); n != 0 {
		t.Errorf("LookupObject of null has %d keys", n)
	}
	if _, err := o.Child("b2"); err == nil {
		t.Error("Child of an array succeeded")
	}
	var s string
	if ok, err := o.LookupObject("b").Decode("s", &s); !ok || err != nil || s != "x" {
		t.Errorf("Decode s = %q, %v, %v", s, ok, err)
	}
	if ok, err := o.Decode("b2", &s); !ok || err == nil {
		t.Errorf("Decode of an array into a string = %v, %v", ok, err)
	}
	if ok, _ := o.Decode("missing", &s); ok {
		t.Error("Decode of a missing key found it")
	}
	if got := string(New().Set("k", []string{"a"}).Raw("k")); got != `["a"]` {
		t.Errorf("Raw of a Go value = %s", got)
	}
	var whole struct{ A any }
	if err := o.DecodeInto(&whole); err != nil || whole.A != nil {
		t.Errorf("DecodeInto = %+v, %v", whole, err)
	}
}

func TestFromValue(t *testing.T) {
	o, err := FromValue(struct {
		Z string `json:"z"`
		A string `json:"a,omitempty"`
		U string `json:"u"`
	}{Z: "1", U: "<\u2028>"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Indent(o, "  ")
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"z\": \"1\",\n  \"u\": \"<\u2028>\"\n}"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := FromValue([]int{1}); err == nil {
		t.Error("FromValue of an array succeeded")
	}
}

func TestParseErrors(t *testing.T) {
	// A whole file must be one object: null is not an empty project file
	// (issue 10: a null backend-config.json was rewritten as empty).
	tests := []struct{ in, want string }{
		{in: ``, want: "unexpected end of JSON input"},
		{in: `null`, want: "want a JSON object"},
		{in: `[]`, want: "want a JSON object"},
		{in: `"x"`, want: "want a JSON object"},
		{in: `1`, want: "want a JSON object"},
		{in: `{"a":1} {}`, want: "(at byte 9)"},
		{in: `{"a":}`, want: "(at byte 6)"},
		{in: strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001), want: "exceeded max depth"},
	}
	for _, tt := range tests {
		if _, err := Parse([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%.20q) = %v, want an error with %q", tt.in, err, tt.want)
		}
	}
	var v struct{ O *Object }
	if err := json.Unmarshal([]byte(`{"O":{"b":1,"a":2}}`), &v); err != nil || v.O.Keys()[0] != "b" {
		t.Errorf("nested object order lost: %v, %v", v.O, err)
	}
	if err := json.Unmarshal([]byte(`{"O":null}`), &v); err != nil || v.O != nil {
		t.Errorf("null object: %v, %v", v.O, err)
	}
	o, err := Parse([]byte(`{"a":1,"b":2,"a":3}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := Compact(o); string(got) != `{"a":3,"b":2}` {
		t.Errorf("duplicate keys: %s, want first place and last value", got)
	}
}

func TestParsePrefix(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantN   int
		wantErr error
		errText string
	}{
		{name: "object then code", in: `{"a":{"b":1}};` + "\nexport default x;", wantN: 13},
		{name: "leading white space", in: "  \n{}", wantN: 5},
		{name: "nothing", in: "  ", wantErr: io.ErrUnexpectedEOF},
		{name: "cut off", in: `{"a":[1,`, wantErr: io.ErrUnexpectedEOF},
		{name: "array", in: `[1]`, errText: "value is not an object"},
		{name: "syntax", in: `{a:1}`, errText: "invalid character 'a'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, n, err := ParsePrefix([]byte(tt.in))
			switch {
			case tt.wantErr != nil || tt.errText != "":
				if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) ||
					!strings.Contains(err.Error(), tt.errText) {
					t.Errorf("err = %v, want %v %q", err, tt.wantErr, tt.errText)
				}
			case err != nil:
				t.Fatal(err)
			case n != tt.wantN || o == nil:
				t.Errorf("n = %d, want %d", n, tt.wantN)
			}
		})
	}
}

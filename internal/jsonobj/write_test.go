package jsonobj

import (
	"encoding/json"
	"math"
	"testing"
)

// The wants are what JSON.stringify gives for the same values
// (TestIndentMatchesNode checks the writer against node itself).
func TestWriteStrings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "abc", want: `"abc"`},
		{name: "quote and backslash", in: `a"b\c`, want: `"a\"b\\c"`},
		{name: "short escapes", in: "\b\f\n\r\t", want: `"\b\f\n\r\t"`},
		{name: "other controls as lower-case \\u00xx", in: "\x00\x01\x0b\x1a\x1f", want: `"\u0000\u0001\u000b\u001a\u001f"`},
		{name: "space and DEL as they are", in: " \x7f", want: "\" \x7f\""},
		{name: "HTML characters as they are", in: "a?b=1&c=<d>", want: `"a?b=1&c=<d>"`},
		{name: "U+2028 and U+2029 as they are", in: "a\u2028b\u2029c", want: "\"a\u2028b\u2029c\""},
		{name: "U+0085, BOM and U+FFFD as they are", in: "\u0085\ufeff\ufffd", want: "\"\u0085\ufeff\ufffd\""},
		{name: "non-BMP as they are", in: "😀\U0010FFFF", want: "\"😀\U0010FFFF\""},
		{name: "slash not escaped", in: "a/b", want: `"a/b"`},
		{name: "invalid UTF-8 as U+FFFD", in: "a\xffb\xc3", want: "\"a\ufffdb\ufffd\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCompact(t, tt.in, tt.want)
			// Keys are quoted the same way.
			wantCompact(t, New().Set(tt.in, 1), "{"+tt.want+":1}")
		})
	}
}

func TestWriteNumbers(t *testing.T) {
	tenth := 0.1 // a variable: constant arithmetic would be exact
	tests := []struct {
		name string
		in   any
		want string
	}{
		{name: "int", in: 3600, want: "3600"},
		{name: "negative int", in: -8, want: "-8"},
		{name: "int64 max (exact, unlike JS)", in: int64(math.MaxInt64), want: "9223372036854775807"},
		{name: "uint8", in: uint8(255), want: "255"},
		{name: "2^53-1", in: float64(1<<53 - 1), want: "9007199254740991"},
		{name: "zero", in: 0.0, want: "0"},
		{name: "negative zero", in: math.Copysign(0, -1), want: "0"},
		{name: "fraction", in: 1.5, want: "1.5"},
		{name: "shortest digits", in: 0.1, want: "0.1"},
		{name: "sum", in: tenth + 2*tenth, want: "0.30000000000000004"},
		{name: "1e20 plain", in: 1e20, want: "100000000000000000000"},
		{name: "1e21 exponent", in: 1e21, want: "1e+21"},
		{name: "long exponent", in: 1.2345678901234567e25, want: "1.2345678901234566e+25"},
		{name: "1e-6 plain", in: 0.000001, want: "0.000001"},
		{name: "1.5e-6 plain", in: 0.0000015, want: "0.0000015"},
		{name: "1e-7 exponent", in: 1e-7, want: "1e-7"},
		{name: "1.5e-7 exponent", in: 1.5e-7, want: "1.5e-7"},
		{name: "smallest", in: 5e-324, want: "5e-324"},
		{name: "largest", in: math.MaxFloat64, want: "1.7976931348623157e+308"},
		{name: "negative exponent form", in: -2.5e30, want: "-2.5e+30"},
		{name: "float32 as JS sees the double", in: float32(0.1), want: "0.10000000149011612"},
		{name: "number literal kept as written", in: json.Number("1.50"), want: "1.50"},
		{name: "big number literal kept", in: json.Number("123456789012345678901234567890"), want: "123456789012345678901234567890"},
		{name: "exponent literal kept", in: json.Number("1E400"), want: "1E400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantCompact(t, tt.in, tt.want) })
	}
}

func wantCompact(t *testing.T, in any, want string) {
	t.Helper()
	got, err := Compact(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("Compact(%#v) = %s, want %s", in, got, want)
	}
}

func TestWriteErrors(t *testing.T) {
	for _, in := range []any{
		math.NaN(), math.Inf(1), math.Inf(-1),
		json.Number("abc"), json.Number("1 "), json.Number(""), json.Number("-"),
		json.RawMessage(`{"a":`), json.RawMessage(`{"a":1} 2`),
		make(chan int),
		[]byte(`"x"`),
		New().Set("a", []any{math.NaN()}),
	} {
		if got, err := Compact(in); err == nil {
			t.Errorf("Compact(%#v) = %s, want an error", in, got)
		}
	}
}

func TestIndent(t *testing.T) {
	nested := New().
		Set("s", "x").
		Set("empty", New()).
		Set("list", []string{}).
		Set("o", New().Set("a", []any{1, true, nil, New().Set("b", "c")}).Set("n", nil)).
		Set("strs", []string{"a", "b"})
	tests := []struct {
		name   string
		in     any
		indent string
		want   string
	}{
		{name: "two spaces", in: nested, indent: "  ", want: `{
  "s": "x",
  "empty": {},
  "list": [],
  "o": {
    "a": [
      1,
      true,
      null,
      {
        "b": "c"
      }
    ],
    "n": null
  },
  "strs": [
    "a",
    "b"
  ]
}`},
		{name: "four spaces", in: New().Set("a", New().Set("b", []string{"c"})), indent: "    ", want: `{
    "a": {
        "b": [
            "c"
        ]
    }
}`},
		{name: "compact", in: nested, indent: "",
			want: `{"s":"x","empty":{},"list":[],"o":{"a":[1,true,null,{"b":"c"}],"n":null},"strs":["a","b"]}`},
		{name: "empty top level", in: New(), indent: "  ", want: `{}`},
		{name: "scalar top level", in: "x", indent: "  ", want: `"x"`},
		{name: "nil object is null", in: (*Object)(nil), indent: "  ", want: `null`},
		{name: "struct via encoding/json, field order kept", in: struct {
			B string `json:"b"`
			A []int  `json:"a"`
		}{B: "<&>\u2028", A: []int{1}}, indent: "  ", want: "{\n  \"b\": \"<&>\u2028\",\n  \"a\": [\n    1\n  ]\n}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Indent(tt.in, tt.indent)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// Values read from a file are written in the one canonical form, whatever
// escapes or spacing the file used, as the CLI's JSON.parse + stringify do.
func TestWriteRaw(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{name: "escaped line separator", raw: `"a\u2028b\u2029"`, want: "\"a\u2028b\u2029\""},
		{name: "escaped HTML characters", raw: `"\u003c\u003e\u0026"`, want: `"<>&"`},
		{name: "escaped slash and letters", raw: `"\/\u0041"`, want: `"/A"`},
		{name: "upper-case control escape", raw: `"\u001F"`, want: `"\u001f"`},
		{name: "surrogate pair escape", raw: `"\ud83d\ude00"`, want: "\"😀\""},
		{name: "invalid UTF-8 as U+FFFD, as from a Go string", raw: "\"a\xffb\"", want: "\"a\ufffdb\""},
		{name: "white space dropped", raw: " { \"a\" : [ 1 , 2 ] } ", want: `{"a":[1,2]}`},
		{name: "number literals kept", raw: `[1.50,-0,1e3,1E+3]`, want: `[1.50,-0,1e3,1E+3]`},
		{name: "nested duplicate keys: first place, last value", raw: `{"x":{"a":1,"b":2,"a":3}}`, want: `{"x":{"a":3,"b":2}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantCompact(t, json.RawMessage(tt.raw), tt.want) })
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		raw  string
		want bool
	}{
		{raw: `{"a":"a","b":["a","b"],"c":{"a":1}}`, want: true},
		{raw: `[{"a":1},{"a":2}]`, want: true},
		{raw: `{"a":{},"b":[],"c":[{}],"d":1}`, want: true},
		{raw: "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f <>&\u2028😀\"", want: true},
		{raw: `{"a":1,"b":{},"a":2}`, want: false},
		{raw: `{"x":[{"k":1,"k":1}]}`, want: false},
		{raw: `"\/"`, want: false},
		{raw: `"\u0041"`, want: false},
		{raw: `"\u001F"`, want: false},
		{raw: `"\u0008"`, want: false},
		{raw: `"\u000a"`, want: false},
		{raw: `"\u2028"`, want: false},
		{raw: `"\ud83d\ude00"`, want: false},
		{raw: `{"\u0041":1}`, want: false},
	}
	for _, tt := range tests {
		if got := canonical([]byte(tt.raw)); got != tt.want {
			t.Errorf("canonical(%s) = %v, want %v", tt.raw, got, tt.want)
		}
	}
}

// The fast path for JSON text (whitespace only) and the tree path write the
// same bytes.
func TestRawPathsAgree(t *testing.T) {
	for _, c := range nodeCases() {
		text, err := Compact(c.value)
		if err != nil {
			t.Fatal(err)
		}
		if !canonical(text) {
			t.Errorf("%s: the writer's own output is not canonical: %s", c.name, text)
		}
		for _, indent := range []string{"", "  ", "    ", "\t"} {
			want, err := Indent(c.value, indent)
			if err != nil {
				t.Fatal(err)
			}
			fast, err := Indent(New().Set("k", json.RawMessage(text)), indent)
			if err != nil {
				t.Fatal(err)
			}
			slow, err := Indent(New().Set("k", c.value), indent)
			if err != nil {
				t.Fatal(err)
			}
			if string(fast) != string(slow) {
				t.Errorf("%s, indent %q: JSON text written\n%s\nthe value written\n%s", c.name, indent, fast, slow)
			}
			if top, err := Indent(json.RawMessage(text), indent); err != nil || string(top) != string(want) {
				t.Errorf("%s, indent %q: JSON text written\n%s\nthe value written\n%s (%v)", c.name, indent, top, want, err)
			}
		}
	}
}

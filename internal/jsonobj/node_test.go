package jsonobj

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
)

// nodeStringify is the node side of TestIndentMatchesNode. It reads
// [{indent, value}], rebuilds each value (an object is sent as
// {"obj": [[key, value], …]} so that its key order survives, a file's JSON
// text as {"raw": text}), and prints the JSON.stringify result of each.
const nodeStringify = `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
function revive(x) {
  if (Array.isArray(x)) return x.map(revive);
  if (x === null || typeof x !== 'object') return x;
  if ('raw' in x) return JSON.parse(x.raw);
  const o = {};
  for (const [k, v] of x.obj) {
    Object.defineProperty(o, k, {value: revive(v), enumerable: true, writable: true, configurable: true});
  }
  return o;
}
process.stdout.write(JSON.stringify(input.map(c => JSON.stringify(revive(c.value), null, c.indent))));
`

// TestIndentMatchesNode writes the same values with Indent and with node's
// JSON.stringify and wants the same bytes.
func TestIndentMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		// Fail, never skip: a skipped comparison would vanish from CI unseen.
		t.Fatal("node is not on PATH, so the writer cannot be compared with the real JSON.stringify: " +
			"install Node.js 20+, then run `make deps`")
	}
	cases := nodeCases()
	type nodeCase struct {
		Indent string `json:"indent"`
		Value  any    `json:"value"`
	}
	var in []nodeCase
	for _, c := range cases {
		in = append(in, nodeCase{Indent: c.indent, Value: forNode(t, c.value)})
	}
	stdin, err := json.Marshal(in) // encoding/json: independent of the writer under test
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", nodeStringify)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("node output: %v", err)
	}
	if len(want) != len(cases) {
		t.Fatalf("node wrote %d results for %d cases", len(want), len(cases))
	}
	for i, c := range cases {
		got, err := Indent(c.value, c.indent)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != want[i] {
			t.Errorf("%s (indent %q):\nampgo %q\nnode  %q", c.name, c.indent, got, want[i])
		}
	}
	t.Logf("%d values compared with node %s", len(cases), node)
}

type writeCase struct {
	name   string
	indent string
	value  any
}

func nodeCases() []writeCase {
	var ascii, latin strings.Builder
	for r := rune(0); r < 0x80; r++ {
		ascii.WriteRune(r)
	}
	for r := rune(0x80); r < 0x100; r++ {
		latin.WriteRune(r)
	}
	special := "\u2028\u2029\u0085\u00a0\u200b\ufeff\ufffd\uffff\ud7ff\ue000😀\U0001F600\U0010FFFF<script>&amp;</script>"
	cases := []writeCase{
		{name: "all ASCII", value: ascii.String()},
		{name: "U+0080 to U+00FF", value: latin.String()},
		{name: "separators, BOM, non-BMP, HTML", value: special},
		{name: "keys quoted like values", indent: "  ", value: New().
			Set(ascii.String(), latin.String()).Set(special, special).Set("", "")},
		{name: "ints ampgo writes", indent: "  ", value: []any{0, 1, -1, 8, 99, 3600, 86400, 1<<53 - 1, -(1<<53 - 1)}},
		{name: "nested, 2 spaces", indent: "  ", value: New().
			Set("version", "1.4").
			Set("auth", New().Set("aws_region", "us-east-1").Set("oauth", New()).
				Set("scopes", []string{"openid", "email"}).Set("mfa_methods", []string{}).
				Set("password_policy", New().Set("min_length", 8).Set("require_numbers", true))).
			Set("storage", nil)},
		{name: "nested, 4 spaces", indent: "    ", value: New().Set("a", []any{[]any{}, New(), []any{New().Set("b", false)}})},
		{name: "tab indent", indent: "\t", value: New().Set("a", []string{"b"})},
		{name: "compact", value: New().Set("a", []any{1, "x", nil, true, New().Set("b", []string{})})},
		{name: "file text with escapes", indent: "  ", value: json.RawMessage(
			`{"u":"\u2028\u2029\u003c\u003e\u0026\/\u001F\ud83d\ude00","w" : [ "x" , { } , [ ] ] ,"w2":{"a":"1","b":"2","a":"3"}}`)},
	}
	// Doubles: the corners of Number::toString and random bit patterns.
	floats := []float64{0, math.Copysign(0, -1), 0.1, 0.5, 1.5, 100, 1e20, 1e21, 123e18, 1.5e21,
		1e-6, 1e-7, 1.5e-6, 1.5e-7, 0.000123, 5e-324, math.SmallestNonzeroFloat64 * 3,
		math.MaxFloat64, -math.MaxFloat64, 1 << 53, 1<<53 + 2, 4.35, 0.1 + 0.2, 1 / 3.0, -2.5e30}
	rng := rand.New(rand.NewPCG(17, 6))
	for len(floats) < 2000 {
		f := math.Float64frombits(rng.Uint64())
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			floats = append(floats, f)
		}
		floats = append(floats, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(50)-25)))
	}
	nums := make([]any, len(floats))
	for i, f := range floats {
		nums[i] = f
	}
	cases = append(cases, writeCase{name: "doubles", value: nums})
	return cases
}

// forNode turns a test value into what nodeStringify rebuilds it from.
func forNode(t *testing.T, v any) any {
	switch v := v.(type) {
	case *Object:
		pairs := [][2]any{}
		for _, k := range v.Keys() {
			val, _ := v.Get(k)
			pairs = append(pairs, [2]any{k, forNode(t, val)})
		}
		return map[string]any{"obj": pairs}
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = forNode(t, item)
		}
		return out
	case json.RawMessage:
		return map[string]any{"raw": string(v)}
	case nil, string, bool, int, float64, []string:
		return v
	}
	t.Fatalf("forNode: unsupported %T", v)
	return nil
}

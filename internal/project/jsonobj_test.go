package project

import (
	"encoding/json"
	"testing"
)

func TestObjectEdits(t *testing.T) {
	const in = `{"z":1,"a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`
	tests := []struct {
		name string
		edit func(o *object) error
		want string
	}{
		{name: "unchanged keeps order, numbers and characters", edit: func(*object) error { return nil },
			want: `{"z":1,"a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "set existing keeps position", edit: func(o *object) error { return o.put("z", "new") },
			want: `{"z":"new","a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "set new appends", edit: func(o *object) error { return o.putIn([]string{"a", "m", "y"}, 2) },
			want: `{"z":1,"a":{"m":{"x":true,"y":2},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "delete prunes emptied objects", edit: func(o *object) error { _, err := o.deleteIn([]string{"a", "m", "x"}); return err },
			want: `{"z":1,"a":{"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
		{name: "delete missing is a no-op", edit: func(o *object) error { _, err := o.deleteIn([]string{"q", "r"}); return err },
			want: `{"z":1,"a":{"m":{"x":true},"k":[1,2]},"url":"a?b=1&c=<d>","n":1.50}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseObject([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.edit(o); err != nil {
				t.Fatal(err)
			}
			got, err := marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseObjectErrors(t *testing.T) {
	// A whole file must be one object: null is not an empty project file
	// (issue 10: a null backend-config.json was rewritten as empty).
	for _, in := range []string{``, `null`, `[]`, `"x"`, `1`, `{"a":1} {}`, `{"a":}`} {
		if _, err := parseObject([]byte(in)); err == nil {
			t.Errorf("parseObject(%q) succeeded", in)
		}
	}
	var v struct{ O *object }
	if err := json.Unmarshal([]byte(`{"O":{"b":1,"a":2}}`), &v); err != nil || v.O.keys[0] != "b" {
		t.Errorf("nested object order lost: %v, %v", v.O, err)
	}
}

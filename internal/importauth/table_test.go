package importauth

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSideBySide(t *testing.T) {
	tests := []struct {
		name        string
		left, right []string
		want        string
	}{
		{
			name:  "left longer, right padded",
			left:  []string{"COGNITO", "Google"},
			right: []string{"COGNITO"},
			want: "acme-web | acme-native\n" +
				"---------+------------\n" +
				"COGNITO  | COGNITO\n" +
				"Google   |\n",
		},
		{
			name:  "right longer, wide values",
			left:  nil,
			right: []string{"aws.cognito.signin.user.admin", "openid"},
			want: "acme-web | acme-native\n" +
				"---------+------------------------------\n" +
				"         | aws.cognito.signin.user.admin\n" +
				"         | openid\n",
		},
		{
			name: "both empty: header only",
			want: "acme-web | acme-native\n" +
				"---------+------------\n",
		},
		{
			name:  "width counts runes, not bytes",
			left:  []string{"ümlaut"},
			right: []string{"x"},
			want: "acme-web | acme-native\n" +
				"---------+------------\n" +
				"ümlaut   | x\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SideBySide("acme-web", "acme-native", tc.left, tc.right)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("SideBySide mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRenderTableShortRows(t *testing.T) {
	got := RenderTable([]string{"a", "bb", "c"}, [][]string{{"1"}, {"1", "2", "333"}})
	want := "a | bb | c\n" +
		"--+----+----\n" +
		"1 |    |\n" +
		"1 | 2  | 333\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RenderTable mismatch (-want +got):\n%s", diff)
	}
}

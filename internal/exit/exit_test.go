package exit

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeAndHint(t *testing.T) {
	cases := []struct {
		name     string
		err      error
		wantCode int
		wantHint string
	}{
		{"nil", nil, OK, ""},
		{"plain error", errors.New("boom"), Failure, ""},
		{"usage", UsageErrorf("pass --x", "missing --x"), Usage, "pass --x"},
		{"requirements wrapped", fmt.Errorf("import: %w", RequirementsErrorf("fix it", "bad pool")), Requirements, "fix it"},
		{"credentials", CredentialsError(errors.New("expired"), "log in"), Credentials, "log in"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Code(c.err); got != c.wantCode {
				t.Errorf("Code = %d, want %d", got, c.wantCode)
			}
			if c.err != nil {
				if got := Hint(c.err); got != c.wantHint {
					t.Errorf("Hint = %q, want %q", got, c.wantHint)
				}
			}
		})
	}
}

// TestCodesTable: the help's table lists every code constant once, in order.
func TestCodesTable(t *testing.T) {
	want := []int{OK, Failure, Usage, Requirements, Credentials, Pending, Interrupted}
	if len(Codes) != len(want) {
		t.Fatalf("Codes has %d entries, want %d", len(Codes), len(want))
	}
	for i, c := range Codes {
		if c.Code != want[i] || c.Meaning == "" {
			t.Errorf("Codes[%d] = %+v, want code %d with a meaning", i, c, want[i])
		}
	}
}

package regions

import "testing"

func TestClosest(t *testing.T) {
	tests := []struct {
		code, want string
	}{
		{code: "us-est-1", want: "us-east-1"},
		{code: "US-EAST-1", want: "us-east-1"},
		{code: "eu-west-9", want: "eu-west-1"},
		{code: "euwest2", want: "eu-west-2"},
		{code: "ap-southeast-22", want: "ap-southeast-2"},
		{code: "us-gov-west", want: "us-gov-west-1"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := Closest(tt.code); got != tt.want {
				t.Errorf("Closest(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestKnown(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{code: "us-east-1", want: true},
		{code: "eu-central-2", want: true},
		{code: "us-gov-west-1", want: true},
		{code: "us-est-1", want: false},
		{code: "cn-north-1", want: false}, // no Cognito user pools in China
		{code: "", want: false},
	}
	for _, tt := range tests {
		if got := Known(tt.code); got != tt.want {
			t.Errorf("Known(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

// TestSorted: the list is sorted by code and has no duplicates, so the
// init list reads in order.
func TestSorted(t *testing.T) {
	for i := 1; i < len(Cognito); i++ {
		if Cognito[i-1].Code >= Cognito[i].Code {
			t.Errorf("%s before %s", Cognito[i-1].Code, Cognito[i].Code)
		}
	}
}

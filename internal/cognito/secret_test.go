package cognito

import (
	"context"
	"errors"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv"
)

func TestClientSecret(t *testing.T) {
	s := seed(t, "eu-west-1", testenv.SetupOptions{UserPoolOnly: true})
	r := NewReader(moto.AWSConfig("us-east-1")) // the pool's region comes from its id
	cases := []struct {
		name     string
		clientID string
		want     string
		notFound bool
	}{
		{"native client with a secret", s.NativeClientID, s.NativeClientSecret, false},
		{"web client without one", s.WebClientID, "", false},
		{"missing client", "nosuchclient", "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := r.ClientSecret(context.Background(), s.UserPoolID, c.clientID)
			var nf *NotFoundError
			if c.notFound != errors.As(err, &nf) || (!c.notFound && err != nil) {
				t.Fatalf("err = %v, want not found %v", err, c.notFound)
			}
			if got != c.want {
				t.Errorf("secret = %q, want %q", got, c.want)
			}
		})
	}
}

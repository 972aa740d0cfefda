package importauth

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/project"
)

func TestSelectionOf(t *testing.T) {
	const (
		pool   = "us-east-1_AbC123xYz"
		web    = "4abcdefghijklmnopqrstuvwxy"
		native = "7abcdefghijklmnopqrstuvwxy"
		ip     = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	)
	cases := []struct {
		name string
		in   project.EnvAuth
		want cognito.Selection
	}{
		{"everything recorded",
			project.EnvAuth{UserPoolID: pool, UserPoolName: "p", WebClientID: web, NativeClientID: native, IdentityPoolID: ip, AuthRoleARN: "arn:aws:iam::1:role/a"},
			cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: native, IdentityPoolID: ip}},
		{"user pool only", project.EnvAuth{UserPoolID: pool, WebClientID: web, NativeClientID: native},
			cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: native}},
		{"native client is the web client", project.EnvAuth{UserPoolID: pool, WebClientID: web, NativeClientID: web},
			cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: web}},
		{"no native client: the web client serves native apps", project.EnvAuth{UserPoolID: pool, WebClientID: web, IdentityPoolID: ip},
			cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: web, IdentityPoolID: ip}},
		{"nothing recorded", project.EnvAuth{}, cognito.Selection{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := SelectionOf(c.in); got != c.want {
				t.Errorf("SelectionOf = %+v, want %+v", got, c.want)
			}
		})
	}
}

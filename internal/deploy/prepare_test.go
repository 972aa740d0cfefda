package deploy

import (
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/project"
)

func TestWarnExpiringKeys(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	day := int64(24 * 60 * 60)
	cases := []struct {
		name    string
		api     project.GraphQLAPI
		warning string // "" for none
	}{
		{"far", project.GraphQLAPI{Name: "a", Modes: []string{project.AuthAPIKey}, APIKeyExpires: now.Unix() + 30*day}, ""},
		{"within a week", project.GraphQLAPI{Name: "b", Modes: []string{project.AuthUserPools, project.AuthAPIKey}, APIKeyExpires: now.Unix() + 2*day},
			"the API key of GraphQL API b expires on 2026-12-08 12:00 UTC; renew it with `ampgo update api --name b --api-key-expiration-days 30`"},
		{"expired", project.GraphQLAPI{Name: "c", Modes: []string{project.AuthAPIKey}, APIKeyExpires: now.Unix() - day}, "GraphQL API c expired on 2026-12-05"},
		{"no apikey mode", project.GraphQLAPI{Name: "d", Modes: []string{project.AuthUserPools}, APIKeyExpires: now.Unix() - day}, ""},
	}
	for _, c := range cases {
		var b strings.Builder
		warnExpiringKeys(&b, []project.GraphQLAPI{c.api}, now)
		if got := b.String(); c.warning == "" && got != "" || !strings.Contains(got, c.warning) {
			t.Errorf("%s: %q, want %q", c.name, got, c.warning)
		}
	}
}

package category

import (
	"errors"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

func TestCheckRemoveAuth(t *testing.T) {
	authOnly := project.Storage{Name: "files", AuthAccess: []string{OpRead}}
	withGuest := project.Storage{Name: "pics", AuthAccess: []string{OpRead}, GuestAccess: []string{OpRead}}
	noAccess := project.Storage{Name: "bare"}
	fnAuth := project.Function{Name: "hello", Auth: "acme", AuthAccess: []string{OpRead}}
	fnNone := project.Function{Name: "plain"}
	fnOther := project.Function{Name: "other", Auth: "elsewhere", AuthAccess: []string{OpRead}}
	recFn := project.ResourceRef{Category: project.CategoryFunction, Name: "hello", Service: project.ServiceLambda}
	recAPI := project.ResourceRef{Category: "api", Name: "shop", Service: "AppSync"}
	tests := []struct {
		name      string
		storages  []project.Storage
		functions []project.Function
		recorded  []project.ResourceRef
		want      []string // in the error or fix, in this order; nil: no error
	}{
		{name: "nothing depends", functions: []project.Function{fnNone, fnOther}},
		{name: "storage with auth access", storages: []project.Storage{authOnly},
			want: []string{`storage/files grants authenticated access through the roles of auth "acme"`, "`ampgo remove storage --name files`"}},
		{name: "storage with guest access", storages: []project.Storage{withGuest},
			want: []string{"storage/pics grants authenticated and guest access", "`ampgo remove storage --name pics`"}},
		{name: "storage without access still deploys on the roles", storages: []project.Storage{noAccess},
			want: []string{"storage/bare", "`ampgo remove storage --name bare`"}},
		{name: "function with auth access", functions: []project.Function{fnNone, fnAuth}, recorded: []project.ResourceRef{recFn},
			want: []string{`function/hello has access to the user pool of auth "acme"`, "`ampgo remove function --name hello`"}},
		{name: "other recorded dependent", recorded: []project.ResourceRef{recAPI},
			want: []string{`api/shop names auth "acme" in its dependsOn`, "remove api/shop from the project first"}},
		{name: "every dependent, each once, sorted", storages: []project.Storage{withGuest, authOnly},
			functions: []project.Function{fnAuth}, recorded: []project.ResourceRef{recFn, recAPI},
			want: []string{"4 resource(s)", "api/shop", "function/hello", "storage/files", "storage/pics",
				"`ampgo remove function --name hello`", "`ampgo remove storage --name files`", "`ampgo remove storage --name pics`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckRemoveAuth("acme", AuthDependents("acme", tt.storages, tt.functions, tt.recorded))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			var ee *exit.Error
			if !errors.As(err, &ee) || ee.Code != exit.Requirements {
				t.Fatalf("got %#v, want an exit %d error", err, exit.Requirements)
			}
			text := ee.Error() + "\nFix: " + ee.Hint()
			if n := strings.Count(text, "function/hello has"); n > 1 {
				t.Errorf("function/hello named %d times:\n%s", n, text)
			}
			rest := text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("%q missing or out of order in:\n%s", w, text)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

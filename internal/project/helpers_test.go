package project

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// rootToken replaces the temp project root in golden files.
const rootToken = "<ROOT>"

// goldenName flattens a project path into one file name under
// testdata/<scenario>/.
func goldenName(rel string) string {
	name := strings.NewReplacer("/", "__", "#", "").Replace(rel)
	if strings.HasPrefix(name, ".") {
		name = "dot" + name // no hidden files in testdata
	}
	return name + ".golden"
}

// readTree returns every file under root (slash paths) except the lock file,
// with the root path replaced by rootToken.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == LockFile {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[rel] = bytes.ReplaceAll(data, []byte(root), []byte(rootToken))
		return nil
	})
	if err != nil {
		t.Fatalf("read tree %s: %v", root, err)
	}
	return files
}

// checkGolden compares every file of the project tree with
// testdata/<scenario>/*.golden, byte for byte (users diff these files).
func checkGolden(t *testing.T, root, scenario string) {
	t.Helper()
	files := readTree(t, root)
	dir := filepath.Join("testdata", scenario)
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for rel, data := range files {
			if err := os.WriteFile(filepath.Join(dir, goldenName(rel)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read goldens (run go test -update): %v", err)
	}
	var want, got []string
	for _, e := range entries {
		want = append(want, e.Name())
	}
	for rel := range files {
		got = append(got, goldenName(rel))
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%s: files differ from goldens (-golden +got):\n%s", scenario, diff)
	}
	for rel, data := range files {
		golden, err := os.ReadFile(filepath.Join(dir, goldenName(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(golden), string(data)); diff != "" {
			t.Errorf("%s: %s differs from golden (-golden +got):\n%s", scenario, rel, diff)
		}
	}
}

// copyTree copies the fixture folder src into a new temp folder.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
	return dst
}

func ptr[T any](v T) *T { return &v }

// sampleAuth is the identityPoolAndUserPool example of reference §3.
func sampleAuth(name string) ImportedAuth {
	return ImportedAuth{
		Name: name,
		Backend: BackendAuth{Service: "Cognito", ServiceType: ServiceTypeImported,
			ProviderPlugin: ProviderPlugin, DependsOn: []Dependency{}},
		Parameters: AuthParameters{
			AuthSelections: IdentityPoolAndUserPool, ResourceName: name, ServiceType: ServiceTypeImported,
			Region: "us-east-1", UsernameAttributes: []string{"email"}, AuthProvidersUserPool: []string{"Google"},
			RequiredAttributes: []string{"email"}, PasswordPolicyMinLength: 8,
			PasswordPolicyCharacters: []string{"Requires Lowercase", "Requires Uppercase", "Requires Numbers", "Requires Symbols"},
			MFAConfiguration:         "OPTIONAL", AutoVerifiedAttributes: []string{"email"},
			MFATypes: []string{"SMS Text Message", "TOTP"},
		},
		Env: EnvAuth{
			UserPoolID: "us-east-1_AbC123xYz", UserPoolName: "acme-users",
			WebClientID: "4abcwebclient0000000000000", NativeClientID: "7defnativeclient00000000000",
			IdentityPoolID:   "us-east-1:11111111-2222-3333-4444-555555555555",
			IdentityPoolName: "acme_identity", AllowUnauthenticatedIdentities: ptr(true),
			AuthRoleARN: "arn:aws:iam::123456789012:role/acme-auth-role", AuthRoleName: "acme-auth-role",
			UnauthRoleARN: "arn:aws:iam::123456789012:role/acme-unauth-role", UnauthRoleName: "acme-unauth-role",
			GoogleClientID: "1234-abc.apps.googleusercontent.com",
		},
		Meta: MetaAuth{
			Service: "Cognito", ServiceType: ServiceTypeImported, ProviderPlugin: ProviderPlugin, DependsOn: []Dependency{},
			Output: AuthOutput{
				UserPoolID: "us-east-1_AbC123xYz", UserPoolName: "acme-users",
				AppClientID: "7defnativeclient00000000000", AppClientIDWeb: "4abcwebclient0000000000000",
				HostedUIDomain: "acme-login", IdentityPoolID: "us-east-1:11111111-2222-3333-4444-555555555555",
				IdentityPoolName: "acme_identity", GoogleWebClient: "1234-abc.apps.googleusercontent.com",
				OAuthMetadata: `{"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email"],"CallbackURLs":["https://app.example.com/?a=1&b=2"],"LogoutURLs":["https://app.example.com/"]}`,
				Region:        "us-east-1",
			},
			FrontendAuthConfig: &FrontendAuthConfig{
				SocialProviders: []string{"GOOGLE"}, UsernameAttributes: []string{"EMAIL"},
				SignupAttributes: []string{"EMAIL"},
				PasswordProtectionSettings: PasswordProtectionSettings{PasswordPolicyMinLength: 8,
					PasswordPolicyCharacters: []string{"REQUIRES_LOWERCASE", "REQUIRES_UPPERCASE"}},
				MFAConfiguration: "OPTIONAL", MFATypes: []string{"SMS", "TOTP"},
				VerificationMechanisms: []string{"EMAIL"},
			},
		},
	}
}

// newTestProject inits a javascript project "acmeapp" (env dev) in a temp
// folder.
func newTestProject(t *testing.T) *Project {
	t.Helper()
	p, err := Init(t.TempDir(), InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1", Profile: "acme"})
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	return p
}

// mustLoad loads the project at root.
func mustLoad(t *testing.T, root string) *Project {
	t.Helper()
	p, err := Load(root)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return p
}

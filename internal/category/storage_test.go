package category

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category/cfn"
)

const testBucket = "acme-files-1a2b3c4d-dev"

// asJSON turns statements into plain JSON values, the way IAM returns them.
func asJSON(t *testing.T, st []cfn.Statement) any {
	t.Helper()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func parse(t *testing.T, doc string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("bad test JSON: %v", err)
	}
	return v
}

// TestStorageStatementsMatchReference checks the reference §6 example
// (auth create/update + read + delete, guest read) statement by statement;
// the expected JSON is written out by hand from the reference table, not
// computed.
func TestStorageStatementsMatchReference(t *testing.T) {
	arn := "arn:aws:s3:::" + testBucket
	crud := `["s3:PutObject","s3:GetObject","s3:DeleteObject"]`
	wantAuth := `[
	 {"Effect":"Allow","Action":` + crud + `,"Resource":["` + arn + `/public/*"]},
	 {"Effect":"Allow","Action":` + crud + `,"Resource":["` + arn + `/protected/${cognito-identity.amazonaws.com:sub}/*"]},
	 {"Effect":"Allow","Action":` + crud + `,"Resource":["` + arn + `/private/${cognito-identity.amazonaws.com:sub}/*"]},
	 {"Effect":"Allow","Action":["s3:PutObject"],"Resource":["` + arn + `/uploads/*"]},
	 {"Effect":"Allow","Action":["s3:GetObject"],"Resource":["` + arn + `/protected/*"]},
	 {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["` + arn + `"],
	  "Condition":{"StringLike":{"s3:prefix":["public/","public/*","protected/","protected/*",
	   "private/${cognito-identity.amazonaws.com:sub}/","private/${cognito-identity.amazonaws.com:sub}/*"]}}}]`
	wantGuest := `[
	 {"Effect":"Allow","Action":["s3:GetObject"],"Resource":["` + arn + `/public/*"]},
	 {"Effect":"Allow","Action":["s3:GetObject"],"Resource":["` + arn + `/protected/*"]},
	 {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["` + arn + `"],
	  "Condition":{"StringLike":{"s3:prefix":["public/","public/*","protected/","protected/*"]}}}]`

	// Flag order does not matter: actions come in create, read, delete order.
	auth := AuthStatements("us-east-1", testBucket, []string{OpDelete, OpCreate, OpRead})
	if diff := cmp.Diff(parse(t, wantAuth), asJSON(t, auth)); diff != "" {
		t.Errorf("auth statements (-want +got):\n%s", diff)
	}
	guest := GuestStatements("us-east-1", testBucket, []string{OpRead})
	if diff := cmp.Diff(parse(t, wantGuest), asJSON(t, guest)); diff != "" {
		t.Errorf("guest statements (-want +got):\n%s", diff)
	}
}

func TestStorageStatementsByAccess(t *testing.T) {
	cases := []struct {
		name       string
		guest      bool
		ops        []string
		wantPaths  []string // resources, in order
		wantAction string   // actions of the first statement
	}{
		{"no access grants nothing", false, nil, nil, ""},
		{"auth read only", false, []string{OpRead}, []string{"/public/*", "/protected/${cognito-identity.amazonaws.com:sub}/*",
			"/private/${cognito-identity.amazonaws.com:sub}/*", "/protected/*", ""}, "s3:GetObject"},
		{"auth create only adds uploads", false, []string{OpCreate}, []string{"/public/*", "/protected/${cognito-identity.amazonaws.com:sub}/*",
			"/private/${cognito-identity.amazonaws.com:sub}/*", "/uploads/*"}, "s3:PutObject"},
		{"guest create and delete: public and uploads only", true, []string{OpCreate, OpDelete}, []string{"/public/*", "/uploads/*"}, "s3:PutObject,s3:DeleteObject"},
		{"guest everything never reaches private or protected writes", true, StorageOps, []string{"/public/*", "/uploads/*", "/protected/*", ""}, "s3:PutObject,s3:GetObject,s3:DeleteObject"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := statements("us-east-1", testBucket, c.ops, c.guest)
			var paths []string
			for _, s := range st {
				paths = append(paths, strings.TrimPrefix(s.Resource[0].(string), "arn:aws:s3:::"+testBucket))
				if c.guest {
					for _, a := range s.Action {
						if a != "s3:GetObject" && a != "s3:ListBucket" && strings.Contains(s.Resource[0].(string), "protected") {
							t.Errorf("guest write on protected: %v", s)
						}
					}
					if strings.Contains(s.Resource[0].(string), "private") {
						t.Errorf("guest statement on private: %v", s)
					}
				}
			}
			if diff := cmp.Diff(c.wantPaths, paths); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
			if len(st) > 0 && strings.Join(st[0].Action, ",") != c.wantAction {
				t.Errorf("first statement actions %v, want %s", st[0].Action, c.wantAction)
			}
		})
	}
}

func TestStorageNames(t *testing.T) {
	e := Env{Project: "acmeapp", Env: "dev", Region: "cn-north-1", Account: "123456789012"}
	s := Storage{Name: "files", BucketPrefix: "acmeapp-files"}
	name := BucketName(e, s)
	if len(name) > 63 || !strings.HasPrefix(name, "acmeapp-files-") || !strings.HasSuffix(name, "-dev") {
		t.Errorf("bucket name %q", name)
	}
	if BucketName(e, s) != name {
		t.Error("bucket name is not stable")
	}
	other := e
	other.Account = "210987654321"
	if BucketName(other, s) == name {
		t.Error("bucket name ignores the account")
	}
	if got := AuthStatements(e.Region, name, []string{OpRead})[0].Resource[0].(string); !strings.HasPrefix(got, "arn:aws-cn:s3:::") {
		t.Errorf("China region ARN %q", got)
	}
	longest := Env{Project: strings.Repeat("p", 20), Env: strings.Repeat("e", 10), Region: "us-east-1", Account: "1"}
	if n := BucketName(longest, Storage{Name: "x", BucketPrefix: strings.Repeat("b", 42)}); len(n) > 63 {
		t.Errorf("longest bucket name has %d characters", len(n))
	}
	if p := DefaultBucketPrefix("AcmeApp", "Files"); !BucketPrefixRE.MatchString(p) || p != "acmeapp-files" {
		t.Errorf("default prefix %q", p)
	}
	if got := policyName(e, "storage", "files", "auth"); got != "ampgo-acmeapp-dev-storage-files-auth" {
		t.Errorf("policy name %q", got)
	}
}

func TestParseOps(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		want    []string
		wantErr string
	}{
		{"empty is none", "", []string{}, ""},
		{"none", "none", []string{}, ""},
		{"reordered and deduplicated", "delete, read,create,read", []string{OpCreate, OpRead, OpDelete}, ""},
		{"amplify spelling", "create/update", []string{OpCreate}, ""},
		{"unknown operation", "read,write", nil, `unknown operation "write"`},
		{"update is not a storage operation", "update", nil, `unknown operation "update"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseOps("--auth-access", c.in, StorageOps)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

package project

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/exit"
)

func inflightProject(t *testing.T) *Project {
	t.Helper()
	p, err := Init(t.TempDir(), InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInflightRoundTrip(t *testing.T) {
	p := inflightProject(t)
	if rec, err := p.Inflight(); rec != nil || err != nil {
		t.Fatalf("fresh project: %+v, %v", rec, err)
	}
	want := InflightDeploy{Env: "dev", Stack: "amplify-acmeapp-dev", Region: "us-east-1", Operation: "UpdateStack",
		StartedAt: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC), ClientToken: "ampgo-0123456789abcdef"}
	if err := p.RecordInflight(want); err != nil {
		t.Fatal(err)
	}
	got, err := p.Inflight()
	if err != nil || got == nil || *got != want {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
	for range 2 { // removing twice is fine
		if err := p.ClearInflight(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(p.Path(InflightFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("record still there: %v", err)
	}
	gi, _ := os.ReadFile(p.Path(".gitignore"))
	if !strings.Contains(string(gi), "\n"+InflightFile+"\n") {
		t.Errorf(".gitignore does not ignore the record:\n%s", gi)
	}
}

// TestInflightRejectsDamagedRecords: a record read from disk is checked
// like input; a bad one fails with exit 1 naming the file and the fix.
func TestInflightRejectsDamagedRecords(t *testing.T) {
	valid := `{"env":"dev","stack":"amplify-acmeapp-dev","region":"us-east-1","operation":"CreateStack","startedAt":"2026-12-05T09:00:00Z","clientToken":""}`
	cases := []struct {
		name, content, want string
	}{
		{"null", `null`, "not a JSON object"},
		{"array", `[]`, "not a JSON object"},
		{"empty", ``, "not a JSON object"},
		{"garbage", `{"env":`, "unexpected EOF"},
		{"unknown field", strings.Replace(valid, `"env"`, `"extra":1,"env"`, 1), `unknown field "extra"`},
		{"trailing data", valid + `{}`, "trailing data"},
		{"wrong type", strings.Replace(valid, `"dev"`, `7`, 1), "cannot unmarshal number"},
		{"path in the stack name", strings.Replace(valid, `amplify-acmeapp-dev`, `../../x`, 1), `invalid stack name "../../x"`},
		{"bad env", strings.Replace(valid, `"dev"`, `"Dev!"`, 1), "invalid environment name"},
		{"bad region", strings.Replace(valid, `us-east-1`, `../x`, 1), "invalid region"},
		{"unknown operation", strings.Replace(valid, `CreateStack`, `DeleteUserPool`, 1), "unknown operation"},
		{"too large", valid + strings.Repeat(" ", maxInflightSize), "larger than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := inflightProject(t)
			if err := os.WriteFile(p.Path(InflightFile), []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			checkInflightError(t, p, c.want)
		})
	}
	t.Run("symlink", func(t *testing.T) {
		p := inflightProject(t)
		target := filepath.Join(t.TempDir(), "elsewhere.json")
		if err := os.WriteFile(target, []byte(valid), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p.Path(InflightFile)); err != nil {
			t.Fatal(err)
		}
		checkInflightError(t, p, "not a regular file")
	})
}

func checkInflightError(t *testing.T, p *Project, want string) {
	t.Helper()
	rec, err := p.Inflight()
	if err == nil {
		t.Fatalf("accepted: %+v", rec)
	}
	if !strings.Contains(err.Error(), InflightFile) || !strings.Contains(err.Error(), want) {
		t.Errorf("error %q lacks the file or %q", err, want)
	}
	if exit.Code(err) != exit.Failure || !strings.Contains(exit.Hint(err), "describe-stacks") {
		t.Errorf("exit %d, hint %q", exit.Code(err), exit.Hint(err))
	}
}

func TestRecordInflightRefusesInvalid(t *testing.T) {
	p := inflightProject(t)
	err := p.RecordInflight(InflightDeploy{Env: "dev", Stack: "amplify-acmeapp-dev", Region: "us-east-1", Operation: "UpdateStack"})
	if err == nil || !strings.Contains(err.Error(), "startedAt") {
		t.Errorf("err %v", err)
	}
	if _, err := os.Stat(p.Path(InflightFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an invalid record was written: %v", err)
	}
}

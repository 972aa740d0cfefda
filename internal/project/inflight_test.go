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
	t.Run("symlink inside", func(t *testing.T) {
		p := inflightProject(t)
		if err := os.WriteFile(p.Path("amplify/elsewhere.json"), []byte(valid), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p.Path("amplify/elsewhere.json"), p.Path(InflightFile)); err != nil {
			t.Fatal(err)
		}
		checkInflightError(t, p, "not a regular file")
	})
	t.Run("symlink outside", func(t *testing.T) {
		p := inflightProject(t)
		target := filepath.Join(t.TempDir(), "elsewhere.json")
		if err := os.WriteFile(target, []byte(valid), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p.Path(InflightFile)); err != nil {
			t.Fatal(err)
		}
		for what, err := range map[string]error{"read": func() error { _, err := p.Inflight(); return err }(),
			"write": p.RecordInflight(InflightDeploy{Env: "dev", Stack: "amplify-acmeapp-dev", Region: "us-east-1", Operation: "UpdateStack", StartedAt: time.Now()}),
			"clear": p.ClearInflight()} {
			if !errors.Is(err, ErrOutsideProject) {
				t.Errorf("%s: %v, want ErrOutsideProject", what, err)
			}
		}
		if b, err := os.ReadFile(target); err != nil || string(b) != valid {
			t.Errorf("the file outside changed: %v %s", err, b)
		}
	})
}

// TestInflightStaysInsideProject: with amplify/.config a link to a folder
// outside the project, the record is neither written nor removed there.
func TestInflightStaysInsideProject(t *testing.T) {
	p := inflightProject(t)
	outside := filepath.Join(t.TempDir(), "config")
	if err := os.Rename(p.Path("amplify/.config"), outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, p.Path("amplify/.config")); err != nil {
		t.Fatal(err)
	}
	err := p.RecordInflight(InflightDeploy{Env: "dev", Stack: "amplify-acmeapp-dev", Region: "us-east-1", Operation: "UpdateStack", StartedAt: time.Now()})
	if !errors.Is(err, ErrOutsideProject) {
		t.Errorf("write: %v, want ErrOutsideProject", err)
	}
	if _, err := os.Stat(filepath.Join(outside, filepath.Base(InflightFile))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a record was written outside the project: %v", err)
	}
	if err := os.WriteFile(filepath.Join(outside, filepath.Base(InflightFile)), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := p.ClearInflight(); !errors.Is(err, ErrOutsideProject) {
		t.Errorf("clear: %v, want ErrOutsideProject", err)
	}
	if _, err := p.Inflight(); !errors.Is(err, ErrOutsideProject) {
		t.Errorf("read: %v, want ErrOutsideProject", err)
	}
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

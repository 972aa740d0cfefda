package faultcheck

import (
	"fmt"

	"github.com/ampgo/ampgo/internal/testenv"
)

// Command is one ampgo command line of the fault suite, run on a project
// built by the steps of its template.
type Command struct {
	Name     string
	Args     []string
	Stdin    string
	Template string // a key of Templates
	// ReadOnly commands must leave the project exactly as it was.
	ReadOnly bool
	// MayPassWithout is true when the command may end with exit 0 although
	// every AWS call it made failed (status degrades to "drift not checked").
	MayPassWithout bool
}

// ImportArgs are the flags of a headless import of s.
func ImportArgs(s *testenv.Setup) []string {
	return []string{"import", "auth", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID,
		"--native-client-id", s.NativeClientID, "--identity-pool-id", s.IdentityPoolID}
}

// Commands are the commands of issue 10's matrix for setup s: import
// (flags and headless), status, push without and with CloudFormation, env
// checkout, env add, doctor and auth refresh.
func Commands(s *testenv.Setup) []Command {
	headless := fmt.Sprintf(`{"version":1,"userPoolId":%q,"webClientId":%q,"nativeClientId":%q,"identityPoolId":%q}`,
		s.UserPoolID, s.WebClientID, s.NativeClientID, s.IdentityPoolID)
	return []Command{
		{Name: "import-flags", Args: ImportArgs(s), Template: "init"},
		{Name: "import-headless", Args: []string{"import", "auth", "--headless"}, Stdin: headless, Template: "init"},
		{Name: "status", Args: []string{"status"}, Template: "pushed", ReadOnly: true, MayPassWithout: true},
		{Name: "push-import", Args: []string{"push", "--yes"}, Template: "imported"},
		{Name: "push-storage", Args: []string{"push", "--yes"}, Template: "storage"},
		{Name: "env-checkout", Args: []string{"env", "checkout", "dev", "--yes"}, Template: "pushed-prod"},
		{Name: "env-add", Args: []string{"env", "add", "staging", "--yes"}, Template: "pushed"},
		{Name: "doctor", Args: []string{"doctor", "auth"}, Template: "pushed", ReadOnly: true},
		{Name: "auth-refresh", Args: []string{"auth", "refresh"}, Template: "pushed"},
	}
}

// Templates are the steps (ampgo argument lists, run without faults) that
// build each starting project. project names the project (and so its
// stack); it must be unique per setup when several run at once.
func Templates(project string, s *testenv.Setup) map[string][][]string {
	initStep := []string{"init", "--project", project, "--env", "dev", "--region", s.Region, "--yes"}
	imported := [][]string{initStep, ImportArgs(s)}
	pushed := append(append([][]string{}, imported...), []string{"push", "--yes"})
	return map[string][][]string{
		"init":        {initStep},
		"imported":    imported,
		"storage":     append(append([][]string{}, imported...), []string{"add", "storage", "--name", "files", "--yes"}),
		"pushed":      pushed,
		"pushed-prod": append(append([][]string{}, pushed...), []string{"env", "add", "prod", "--yes"}),
	}
}

// Secrets are the values of s that must never reach a project file or the
// terminal: the native client's secret and the Google IdP's client secret.
func Secrets(s *testenv.Setup) []string {
	return []string{s.NativeClientSecret, "google-secret-" + s.Suffix}
}

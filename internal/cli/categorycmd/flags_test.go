package categorycmd

// Flags → options, gh style (clitest.CheckFlags): no project, no AWS.

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/project"
)

func TestAddStorageFlags(t *testing.T) {
	none := []string{}
	clitest.CheckFlags(t, []clitest.FlagCase[addStorageOptions]{
		{Name: "nothing given: asked later", Want: addStorageOptions{auth: none, guest: none}},
		{Name: "every flag", Args: []string{"--name", "photos", "--bucket-prefix", "acme-photos", "--auth-access", "delete,create/update,read", "--guest-access", "read"},
			Want: addStorageOptions{name: "photos", bucketPrefix: "acme-photos", authAccess: "delete,create/update,read", guestAccess: "read",
				auth: []string{"create", "read", "delete"}, guest: []string{"read"}}},
		{Name: "explicit empty --auth-access is none, not missing", Args: []string{"--auth-access", ""},
			Want: addStorageOptions{authAccess: "none", auth: none, guest: none}},
		{Name: "unknown operation", Args: []string{"--auth-access", "read,write"}, WantErr: `invalid --auth-access value "read,write": unknown operation "write"`,
			WantHint: "--auth-access create,read,delete"},
		{Name: "update is not a storage operation", Args: []string{"--guest-access", "update"}, WantErr: `invalid --guest-access value "update"`},
	}, NewCmdAddStorage)
}

func TestAddFunctionFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[addFunctionOptions]{
		{Name: "nothing given", Want: addFunctionOptions{ops: []string{}}},
		{Name: "every flag", Args: []string{"--name", "hello", "--runtime", "python3.13", "--auth-access", "update, READ"},
			Want: addFunctionOptions{name: "hello", runtime: "python3.13", authAccess: "update, READ", authSet: true, ops: []string{"read", "update"}}},
		{Name: "explicit empty --auth-access is no access, and no question", Args: []string{"--auth-access", ""},
			Want: addFunctionOptions{authSet: true, ops: []string{}}},
		{Name: "unknown operation", Args: []string{"--auth-access", "list"}, WantErr: `unknown operation "list"`},
	}, NewCmdAddFunction)
}

func TestRemoveFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[removeOptions]{
		{Name: "storage, name asked later", Want: removeOptions{category: project.CategoryStorage}},
		{Name: "storage by name", Args: []string{"--name", "photos"}, Want: removeOptions{category: project.CategoryStorage, name: "photos"}},
		{Name: "name as an argument", Args: []string{"photos"}, WantErr: `unexpected argument "photos"`},
	}, NewCmdRemoveStorage)
	clitest.CheckFlags(t, []clitest.FlagCase[removeOptions]{
		{Name: "function by name", Args: []string{"--name", "hello"}, Want: removeOptions{category: project.CategoryFunction, name: "hello"}},
	}, NewCmdRemoveFunction)
}

package deploy

import (
	"testing"

	"github.com/ampgo/ampgo/internal/project"
)

// TestOwnerOf maps the logical ids of ampgo's template to their storage or
// function, the project's names first (a name ending like a suffix).
func TestOwnerOf(t *testing.T) {
	local := map[string][]string{project.CategoryFunction: {"x", "xCognito"}}
	for _, tc := range []struct {
		id, cat, key string
		ok           bool
	}{
		{"StorageFilesBucket", project.CategoryStorage, "Files", true},
		{"StorageFilesAuthPolicy", project.CategoryStorage, "Files", true},
		{"StorageFilesGuestPolicy", project.CategoryStorage, "Files", true},
		{"FunctionHello", project.CategoryFunction, "Hello", true},
		{"FunctionHelloRole", project.CategoryFunction, "Hello", true},
		{"FunctionHelloCognitoPolicy", project.CategoryFunction, "Hello", true},
		{"FunctionXCognitoPolicy", project.CategoryFunction, "X", true},
		{"FunctionXCognitoRole", project.CategoryFunction, "XCognito", true},
		{"FunctionXCognitoCognitoPolicy", project.CategoryFunction, "XCognito", true},
		{"DeploymentBucket", "", "", false},
		{"Storage", "", "", false},
	} {
		cat, key, ok := ownerOf(tc.id, local)
		if cat != tc.cat || key != tc.key || ok != tc.ok {
			t.Errorf("ownerOf(%q) = %q %q %v, want %q %q %v", tc.id, cat, key, ok, tc.cat, tc.key, tc.ok)
		}
	}
}

// TestRowOp turns the operations on a resource's stack resources into its
// status.
func TestRowOp(t *testing.T) {
	for _, tc := range []struct {
		ops  []string
		want string
	}{
		{nil, project.OpNoChange},
		{[]string{OpAdd, OpAdd}, project.OpCreate},
		{[]string{OpRemove}, project.OpDelete},
		{[]string{OpChange}, project.OpUpdate},
		{[]string{OpAdd, OpRemove}, project.OpUpdate},
	} {
		if got := rowOp(tc.ops); got != tc.want {
			t.Errorf("rowOp(%v) = %q, want %q", tc.ops, got, tc.want)
		}
	}
}

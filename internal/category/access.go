// Package category builds what ampgo's auth-dependent categories (storage
// and functions) contribute to an environment's CloudFormation stack: their
// template fragments, and the IAM statements they put on the imported
// identity pool roles. Everything here is pure: no AWS call, no file.
package category

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
)

// Operations a user can grant, as they appear in flags
// (--auth-access create,read,delete) and in the project files.
const (
	OpCreate = "create"
	OpRead   = "read"
	OpUpdate = "update"
	OpDelete = "delete"
)

// StorageOps are the operations storage offers; "create" means create and
// update (S3 PutObject does both), as in the Amplify CLI's "create/update".
var StorageOps = []string{OpCreate, OpRead, OpDelete}

// FunctionAuthOps are the operations a function can get on the user pool,
// in the Amplify CLI's order (reference §7).
var FunctionAuthOps = []string{OpCreate, OpRead, OpUpdate, OpDelete}

// ParseOps reads a comma-separated list of operations (the value of an
// --*-access flag), checks each against allowed and returns them in the
// order of allowed without duplicates. "" and "none" give an empty list.
func ParseOps(flag, value string, allowed []string) ([]string, error) {
	value = strings.TrimSpace(value)
	if value == "" || value == "none" {
		return []string{}, nil
	}
	var ops []string
	for _, op := range strings.Split(value, ",") {
		op = strings.ToLower(strings.TrimSpace(op))
		if op == "create/update" {
			op = OpCreate
		}
		if !slices.Contains(allowed, op) {
			return nil, exit.UsageErrorf(fmt.Sprintf("use a comma-separated list of %s, for example %s %s",
				strings.Join(allowed, ", "), flag, strings.Join(allowed, ",")),
				"invalid %s value %q: unknown operation %q", flag, value, op)
		}
		ops = append(ops, op)
	}
	return Normalize(ops, allowed), nil
}

// Normalize returns ops in the order of allowed, without duplicates and
// without unknown values.
func Normalize(ops, allowed []string) []string {
	out := []string{}
	for _, op := range allowed {
		if slices.Contains(ops, op) {
			out = append(out, op)
		}
	}
	return out
}

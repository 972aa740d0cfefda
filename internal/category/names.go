package category

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"
)

// Env is where a fragment deploys: the project, the environment, and the
// account and region of the environment's stack.
type Env struct {
	Project string
	Env     string
	Region  string
	Account string
}

// ImportedRoles are the names of the imported identity pool's roles.
// Statements go on them by name; the roles themselves are never in a
// template (DESIGN.md §1 promise 1).
type ImportedRoles struct {
	Auth   string
	Unauth string
}

// NameRE is what storage and function names must match: they become parts
// of CloudFormation logical ids (letters and digits only), S3 bucket
// names, Lambda function names (64 characters with project and env) and
// IAM policy names.
var NameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{0,29}$`)

// BucketPrefixRE is what a storage bucket prefix must match: the bucket is
// "<prefix>-<8 hex>-<env>", and S3 allows 63 lower-case characters.
var BucketPrefixRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$`)

// logicalName turns a resource name into the middle of a logical id.
func logicalName(name string) string {
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// shortHash is 8 hex digits of the SHA-256 of parts, which makes bucket
// names unique per account, region, project and environment while staying
// the same on every push (so an unchanged project deploys nothing).
func shortHash(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:4])
}

// Partition is the ARN partition of a region.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// DeploymentBucketName is the bucket that holds the function code of an
// environment. It belongs to the environment's stack.
func DeploymentBucketName(e Env) string {
	return "amplify-" + strings.ToLower(e.Project) + "-" + e.Env + "-" + shortHash(e.Account, e.Region, e.Project, e.Env) + "-deployment"
}

// DeploymentBucketID is the deployment bucket's logical id.
const DeploymentBucketID = "DeploymentBucket"

// DeploymentBucketOutput is the output that holds its name.
const DeploymentBucketOutput = "DeploymentBucketName"

// policyName is the name of an inline policy ampgo puts on an imported role.
// It carries project and env so two environments or two projects sharing
// one identity pool never overwrite each other's statements, which the
// Amplify CLI's fixed names do (cli#10098).
func policyName(e Env, category, name, role string) string {
	return "ampgo-" + e.Project + "-" + e.Env + "-" + category + "-" + name + "-" + role
}

// PolicyPrefix is the start of every inline policy name ampgo puts on an
// imported role for this project and environment.
func PolicyPrefix(e Env) string { return "ampgo-" + e.Project + "-" + e.Env + "-" }

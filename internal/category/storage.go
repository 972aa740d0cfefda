package category

import (
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/category/cfn"
)

// Storage is one S3 storage resource with its access for signed-in users
// (the identity pool's authenticated role) and guests (its unauthenticated
// role).
type Storage struct {
	Name         string
	BucketPrefix string
	AuthAccess   []string // of StorageOps
	GuestAccess  []string // of StorageOps
}

// subVar is the IAM policy variable of the caller's identity id; it is
// literal text in the policy, never a CloudFormation substitution.
const subVar = "${cognito-identity.amazonaws.com:sub}"

// BucketName is the storage bucket's name: "<prefix>-<8 hex>-<env>".
func BucketName(e Env, s Storage) string {
	return s.BucketPrefix + "-" + shortHash(e.Account, e.Region, e.Project, s.Name) + "-" + e.Env
}

// DefaultBucketPrefix is the prefix proposed for a new storage resource:
// project and resource name, lower-cased and cut to fit.
func DefaultBucketPrefix(project, name string) string {
	p := strings.ToLower(project + "-" + name)
	if len(p) > 42 {
		p = strings.TrimRight(p[:42], "-")
	}
	return p
}

// Logical ids and outputs of a storage resource.
func storageBucketID(name string) string { return "Storage" + logicalName(name) + "Bucket" }
func storagePolicyID(name, role string) string {
	return "Storage" + logicalName(name) + role + "Policy"
}

// StorageBucketOutput is the output that holds the bucket name.
func StorageBucketOutput(name string) string { return "Storage" + logicalName(name) + "BucketName" }

// s3Actions maps operations to S3 actions (reference §6): create/update is
// PutObject, read is GetObject, delete is DeleteObject. ListBucket is never
// here: the read statements grant it on the bucket with prefixes.
func s3Actions(ops []string) []string {
	var out []string
	for _, op := range Normalize(ops, StorageOps) {
		switch op {
		case OpCreate:
			out = append(out, "s3:PutObject")
		case OpRead:
			out = append(out, "s3:GetObject")
		case OpDelete:
			out = append(out, "s3:DeleteObject")
		}
	}
	return out
}

// AuthStatements are the statements for signed-in users on bucket, exactly
// as the Amplify CLI's S3 stack grants them to the authenticated role
// (reference §6): public, protected/<sub> and private/<sub> with the chosen
// actions, uploads when create is chosen, and read (GetObject on
// protected/*, ListBucket with prefixes) when read is chosen.
func AuthStatements(region, bucket string, ops []string) []cfn.Statement {
	return statements(region, bucket, ops, false)
}

// GuestStatements are the statements for guests: public with the chosen
// actions, uploads when create is chosen, and read. Guests never get
// private or protected writes (reference §6).
func GuestStatements(region, bucket string, ops []string) []cfn.Statement {
	return statements(region, bucket, ops, true)
}

func statements(region, bucket string, ops []string, guest bool) []cfn.Statement {
	actions := s3Actions(ops)
	if len(actions) == 0 {
		return nil
	}
	arn := "arn:" + Partition(region) + ":s3:::" + bucket
	st := []cfn.Statement{cfn.Allow(actions, arn+"/public/*")}
	if !guest {
		st = append(st,
			cfn.Allow(actions, arn+"/protected/"+subVar+"/*"),
			cfn.Allow(actions, arn+"/private/"+subVar+"/*"))
	}
	if slices.Contains(ops, OpCreate) {
		st = append(st, cfn.Allow([]string{"s3:PutObject"}, arn+"/uploads/*"))
	}
	if slices.Contains(ops, OpRead) {
		prefixes := []string{"public/", "public/*", "protected/", "protected/*"}
		if !guest {
			prefixes = append(prefixes, "private/"+subVar+"/", "private/"+subVar+"/*")
		}
		list := cfn.Allow([]string{"s3:ListBucket"}, arn)
		list.Condition = cfn.Condition{"StringLike": {"s3:prefix": prefixes}}
		st = append(st, cfn.Allow([]string{"s3:GetObject"}, arn+"/protected/*"), list)
	}
	return st
}

// AddTo adds the storage resource to t: the bucket (kept with its data
// when the resource is removed, as in the Amplify CLI) and one inline
// policy on each imported role that gets access.
func (s Storage) AddTo(t *cfn.Template, e Env, roles ImportedRoles) error {
	bucket := BucketName(e, s)
	err := t.Add(storageBucketID(s.Name), cfn.Resource{
		Type: cfn.TypeBucket, DeletionPolicy: cfn.Retain, UpdateReplacePolicy: cfn.Retain,
		Properties: cfn.Bucket{
			BucketName: bucket,
			BucketEncryption: &cfn.BucketEncryption{ServerSideEncryptionConfiguration: []cfn.EncryptionRule{
				{ServerSideEncryptionByDefault: cfn.EncryptionDefault{SSEAlgorithm: "AES256"}}}},
			CorsConfiguration:              storageCORS(),
			PublicAccessBlockConfiguration: cfn.BlockAllPublicAccess(),
		},
	})
	if err != nil {
		return err
	}
	t.Output(StorageBucketOutput(s.Name), cfn.Output{Description: "Bucket of storage " + s.Name, Value: cfn.RefTo(storageBucketID(s.Name))})
	grants := []struct {
		id, role, suffix string
		st               []cfn.Statement
	}{
		{storagePolicyID(s.Name, "Auth"), roles.Auth, "auth", AuthStatements(e.Region, bucket, s.AuthAccess)},
		{storagePolicyID(s.Name, "Guest"), roles.Unauth, "guest", GuestStatements(e.Region, bucket, s.GuestAccess)},
	}
	for _, g := range grants {
		if len(g.st) == 0 {
			continue
		}
		err := t.Add(g.id, cfn.Resource{Type: cfn.TypePolicy, Properties: cfn.Policy{
			PolicyName: policyName(e, "storage", s.Name, g.suffix), PolicyDocument: cfn.Document(g.st...),
			Roles: []any{g.role},
		}})
		if err != nil {
			return err
		}
	}
	return nil
}

// storageCORS lets browsers use the bucket the way the Amplify libraries
// do (the Amplify CLI's rule).
func storageCORS() *cfn.CorsConfiguration {
	return &cfn.CorsConfiguration{CorsRules: []cfn.CorsRule{{
		AllowedHeaders: []string{"*"},
		AllowedMethods: []string{"GET", "HEAD", "PUT", "POST", "DELETE"},
		AllowedOrigins: []string{"*"},
		ExposedHeaders: []string{"x-amz-server-side-encryption", "x-amz-request-id", "x-amz-id-2", "ETag"},
		MaxAge:         3000,
	}}}
}

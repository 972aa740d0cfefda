package cfn

// Resource types ampgo generates.
const (
	TypeBucket   = "AWS::S3::Bucket"
	TypePolicy   = "AWS::IAM::Policy"
	TypeRole     = "AWS::IAM::Role"
	TypeFunction = "AWS::Lambda::Function"
)

// Retain keeps a resource (and its data) when it leaves the stack.
const Retain = "Retain"

// Bucket is the Properties of an AWS::S3::Bucket.
type Bucket struct {
	BucketName                     string             `json:"BucketName,omitempty"`
	BucketEncryption               *BucketEncryption  `json:"BucketEncryption,omitempty"`
	CorsConfiguration              *CorsConfiguration `json:"CorsConfiguration,omitempty"`
	PublicAccessBlockConfiguration *PublicAccessBlock `json:"PublicAccessBlockConfiguration,omitempty"`
}

// BucketEncryption is a bucket's default encryption.
type BucketEncryption struct {
	ServerSideEncryptionConfiguration []EncryptionRule `json:"ServerSideEncryptionConfiguration"`
}

// EncryptionRule is one default-encryption rule.
type EncryptionRule struct {
	ServerSideEncryptionByDefault EncryptionDefault `json:"ServerSideEncryptionByDefault"`
}

// EncryptionDefault names the algorithm, e.g. "AES256".
type EncryptionDefault struct {
	SSEAlgorithm string `json:"SSEAlgorithm"`
}

// CorsConfiguration is a bucket's CORS rules.
type CorsConfiguration struct {
	CorsRules []CorsRule `json:"CorsRules"`
}

// CorsRule is one CORS rule.
type CorsRule struct {
	AllowedHeaders []string `json:"AllowedHeaders,omitempty"`
	AllowedMethods []string `json:"AllowedMethods"`
	AllowedOrigins []string `json:"AllowedOrigins"`
	ExposedHeaders []string `json:"ExposedHeaders,omitempty"`
	MaxAge         int      `json:"MaxAge,omitempty"`
}

// PublicAccessBlock blocks public ACLs and bucket policies.
type PublicAccessBlock struct {
	BlockPublicAcls       bool `json:"BlockPublicAcls"`
	BlockPublicPolicy     bool `json:"BlockPublicPolicy"`
	IgnorePublicAcls      bool `json:"IgnorePublicAcls"`
	RestrictPublicBuckets bool `json:"RestrictPublicBuckets"`
}

// BlockAllPublicAccess is the PublicAccessBlock with every switch on.
func BlockAllPublicAccess() *PublicAccessBlock {
	return &PublicAccessBlock{BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
}

// Policy is the Properties of an AWS::IAM::Policy: an inline policy put on
// each of Roles. Roles holds role names: plain strings for roles the stack
// does not own (imported roles), Refs for its own.
type Policy struct {
	PolicyName     string         `json:"PolicyName"`
	PolicyDocument PolicyDocument `json:"PolicyDocument"`
	Roles          []any          `json:"Roles"`
}

// Role is the Properties of an AWS::IAM::Role. RoleName is left out on
// purpose: CloudFormation then names the role, which keeps names under
// IAM's 64-character limit and needs only CAPABILITY_IAM. Its policies are
// separate AWS::IAM::Policy resources (moto garbles inline Policies).
type Role struct {
	AssumeRolePolicyDocument PolicyDocument `json:"AssumeRolePolicyDocument"`
	ManagedPolicyArns        []any          `json:"ManagedPolicyArns,omitempty"`
}

// Function is the Properties of an AWS::Lambda::Function.
type Function struct {
	FunctionName string       `json:"FunctionName"`
	Description  string       `json:"Description,omitempty"`
	Handler      string       `json:"Handler"`
	Runtime      string       `json:"Runtime"`
	Role         any          `json:"Role"`
	Code         FunctionCode `json:"Code"`
	Environment  *Environment `json:"Environment,omitempty"`
	MemorySize   int          `json:"MemorySize,omitempty"`
	Timeout      int          `json:"Timeout,omitempty"`
}

// FunctionCode points at the zip in S3. ampgo never inlines code (ZipFile):
// CloudFormation limits it to 4 KB, and moto mangles it on update.
type FunctionCode struct {
	S3Bucket any    `json:"S3Bucket"`
	S3Key    string `json:"S3Key"`
}

// Environment is a function's environment variables.
type Environment struct {
	Variables map[string]string `json:"Variables"`
}

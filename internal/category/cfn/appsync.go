package cfn

// Resource types of a GraphQL API.
const (
	TypeGraphQLAPI    = "AWS::AppSync::GraphQLApi"
	TypeGraphQLSchema = "AWS::AppSync::GraphQLSchema"
	TypeAPIKey        = "AWS::AppSync::ApiKey"
	TypeDataSource    = "AWS::AppSync::DataSource"
	TypeResolver      = "AWS::AppSync::Resolver"
	TypeTable         = "AWS::DynamoDB::Table"
)

// GraphQLAPI is the Properties of an AWS::AppSync::GraphQLApi.
type GraphQLAPI struct {
	Name                              string                   `json:"Name"`
	AuthenticationType                string                   `json:"AuthenticationType"`
	UserPoolConfig                    *UserPoolConfig          `json:"UserPoolConfig,omitempty"`
	AdditionalAuthenticationProviders []AdditionalAuthProvider `json:"AdditionalAuthenticationProviders,omitempty"`
}

// UserPoolConfig points an AppSync API at a Cognito user pool. As an
// additional provider it takes no DefaultAction.
type UserPoolConfig struct {
	UserPoolID    string `json:"UserPoolId"`
	AwsRegion     string `json:"AwsRegion"`
	DefaultAction string `json:"DefaultAction,omitempty"`
}

// AdditionalAuthProvider is one more authorization mode of the API.
type AdditionalAuthProvider struct {
	AuthenticationType string          `json:"AuthenticationType"`
	UserPoolConfig     *UserPoolConfig `json:"UserPoolConfig,omitempty"`
}

// GraphQLSchema is the Properties of an AWS::AppSync::GraphQLSchema.
type GraphQLSchema struct {
	APIID      any    `json:"ApiId"`
	Definition string `json:"Definition"`
}

// APIKey is the Properties of an AWS::AppSync::ApiKey. Expires is in epoch
// seconds.
type APIKey struct {
	APIID       any    `json:"ApiId"`
	Description string `json:"Description,omitempty"`
	Expires     int64  `json:"Expires,omitempty"`
}

// DataSource is the Properties of an AWS::AppSync::DataSource.
type DataSource struct {
	APIID          any             `json:"ApiId"`
	Name           string          `json:"Name"`
	Type           string          `json:"Type"`
	ServiceRoleArn any             `json:"ServiceRoleArn,omitempty"`
	DynamoDBConfig *DynamoDBConfig `json:"DynamoDBConfig,omitempty"`
}

// DynamoDBConfig names a data source's table.
type DynamoDBConfig struct {
	TableName any    `json:"TableName"`
	AwsRegion string `json:"AwsRegion"`
}

// Resolver is the Properties of an AWS::AppSync::Resolver.
type Resolver struct {
	APIID          any      `json:"ApiId"`
	TypeName       string   `json:"TypeName"`
	FieldName      string   `json:"FieldName"`
	DataSourceName any      `json:"DataSourceName"`
	Kind           string   `json:"Kind"`
	Runtime        *Runtime `json:"Runtime"`
	Code           string   `json:"Code"`
}

// Runtime is a resolver's runtime: APPSYNC_JS 1.0.0.
type Runtime struct {
	Name           string `json:"Name"`
	RuntimeVersion string `json:"RuntimeVersion"`
}

// Table is the Properties of an AWS::DynamoDB::Table.
type Table struct {
	TableName              string                 `json:"TableName"`
	BillingMode            string                 `json:"BillingMode"`
	AttributeDefinitions   []AttributeDefinition  `json:"AttributeDefinitions"`
	KeySchema              []KeySchemaElement     `json:"KeySchema"`
	GlobalSecondaryIndexes []GlobalSecondaryIndex `json:"GlobalSecondaryIndexes,omitempty"`
	SSESpecification       *SSESpecification      `json:"SSESpecification,omitempty"`
}

// AttributeDefinition is a key attribute and its type (S, N).
type AttributeDefinition struct {
	AttributeName string `json:"AttributeName"`
	AttributeType string `json:"AttributeType"`
}

// KeySchemaElement is a key attribute and its role (HASH, RANGE).
type KeySchemaElement struct {
	AttributeName string `json:"AttributeName"`
	KeyType       string `json:"KeyType"`
}

// GlobalSecondaryIndex is one GSI, projecting every attribute.
type GlobalSecondaryIndex struct {
	IndexName  string             `json:"IndexName"`
	KeySchema  []KeySchemaElement `json:"KeySchema"`
	Projection Projection         `json:"Projection"`
}

// Projection says which attributes an index holds (ALL).
type Projection struct {
	ProjectionType string `json:"ProjectionType"`
}

// SSESpecification turns on server-side encryption.
type SSESpecification struct {
	SSEEnabled bool `json:"SSEEnabled"`
}

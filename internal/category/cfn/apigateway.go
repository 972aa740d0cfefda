package cfn

// Resource types of a REST API.
const (
	TypeRestAPI     = "AWS::ApiGateway::RestApi"
	TypeAPIResource = "AWS::ApiGateway::Resource"
	TypeMethod      = "AWS::ApiGateway::Method"
	TypeDeployment  = "AWS::ApiGateway::Deployment"
	TypeStage       = "AWS::ApiGateway::Stage"
	TypeAuthorizer  = "AWS::ApiGateway::Authorizer"
	TypePermission  = "AWS::Lambda::Permission"
	TypeGatewayResp = "AWS::ApiGateway::GatewayResponse"
)

// RestAPI is the Properties of an AWS::ApiGateway::RestApi. ampgo defines
// the paths with Resource and Method resources rather than a Swagger Body
// (the Amplify CLI's way): each path and method is then a resource of its
// own in the plan, and a removed path is a removed resource.
type RestAPI struct {
	Name                  string                 `json:"Name"`
	Description           string                 `json:"Description,omitempty"`
	EndpointConfiguration *EndpointConfiguration `json:"EndpointConfiguration,omitempty"`
}

// EndpointConfiguration lists the API's endpoint types, e.g. REGIONAL.
type EndpointConfiguration struct {
	Types []string `json:"Types"`
}

// APIResource is the Properties of an AWS::ApiGateway::Resource: one path
// segment under ParentId.
type APIResource struct {
	RestAPIID any    `json:"RestApiId"`
	ParentID  any    `json:"ParentId"`
	PathPart  string `json:"PathPart"`
}

// Method is the Properties of an AWS::ApiGateway::Method.
type Method struct {
	RestAPIID           any              `json:"RestApiId"`
	ResourceID          any              `json:"ResourceId"`
	HTTPMethod          string           `json:"HttpMethod"`
	AuthorizationType   string           `json:"AuthorizationType"`
	AuthorizerID        any              `json:"AuthorizerId,omitempty"`
	AuthorizationScopes []string         `json:"AuthorizationScopes,omitempty"`
	Integration         Integration      `json:"Integration"`
	MethodResponses     []MethodResponse `json:"MethodResponses,omitempty"`
}

// Integration is a method's back end: AWS_PROXY to a Lambda function, or
// MOCK for the CORS preflight.
type Integration struct {
	Type                  string                `json:"Type"`
	IntegrationHTTPMethod string                `json:"IntegrationHttpMethod,omitempty"`
	URI                   any                   `json:"Uri,omitempty"`
	RequestTemplates      map[string]string     `json:"RequestTemplates,omitempty"`
	IntegrationResponses  []IntegrationResponse `json:"IntegrationResponses,omitempty"`
}

// IntegrationResponse maps a back-end answer to a method response.
type IntegrationResponse struct {
	StatusCode         string            `json:"StatusCode"`
	ResponseParameters map[string]string `json:"ResponseParameters,omitempty"`
}

// MethodResponse declares a method's response and its headers.
type MethodResponse struct {
	StatusCode         string          `json:"StatusCode"`
	ResponseParameters map[string]bool `json:"ResponseParameters,omitempty"`
}

// Deployment is the Properties of an AWS::ApiGateway::Deployment. It has
// no StageName: the Stage resource names the stage, so the stage survives
// a new deployment instead of being recreated with it.
type Deployment struct {
	RestAPIID   any    `json:"RestApiId"`
	Description string `json:"Description,omitempty"`
}

// Stage is the Properties of an AWS::ApiGateway::Stage.
type Stage struct {
	RestAPIID    any    `json:"RestApiId"`
	DeploymentID any    `json:"DeploymentId"`
	StageName    string `json:"StageName"`
	Description  string `json:"Description,omitempty"`
}

// Authorizer is the Properties of an AWS::ApiGateway::Authorizer.
type Authorizer struct {
	RestAPIID      any      `json:"RestApiId"`
	Name           string   `json:"Name"`
	Type           string   `json:"Type"`
	IdentitySource string   `json:"IdentitySource"`
	ProviderARNs   []string `json:"ProviderARNs"`
}

// Permission is the Properties of an AWS::Lambda::Permission.
type Permission struct {
	FunctionName any    `json:"FunctionName"`
	Action       string `json:"Action"`
	Principal    string `json:"Principal"`
	SourceArn    any    `json:"SourceArn"`
}

// GatewayResponse is the Properties of an AWS::ApiGateway::GatewayResponse:
// the headers API Gateway adds to the answers it makes itself (a 403 from
// IAM, a 401 from the authorizer), so a browser sees the error, not a CORS
// failure.
type GatewayResponse struct {
	RestAPIID          any               `json:"RestApiId"`
	ResponseType       string            `json:"ResponseType"`
	ResponseParameters map[string]string `json:"ResponseParameters"`
}

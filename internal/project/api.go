package project

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// The API category as backend-config.json names it, and the service of a
// REST API (the Amplify CLI's "API Gateway").
const (
	CategoryAPI       = "api"
	ServiceAPIGateway = "API Gateway"
)

// StackCategories are the categories whose resources ampgo deploys in the
// environment's stack, in the order status and push list them.
var StackCategories = []string{CategoryAPI, CategoryFunction, CategoryStorage}

// InStack reports whether a category's resources live in ampgo's stack.
func InStack(category string) bool {
	for _, c := range StackCategories {
		if c == category {
			return true
		}
	}
	return false
}

// apiInputsName is a REST API's settings file, as the Amplify CLI names it:
// amplify/backend/api/<name>/cli-inputs.json.
const apiInputsName = "cli-inputs.json"

// Authorizers of a REST API: "iam" signs requests with the identity pool's
// credentials (the Amplify CLI's only choice); "userpool" takes the user
// pool's token.
const (
	AuthorizerIAM      = "iam"
	AuthorizerUserPool = "userpool"
)

// RestAPI is an API Gateway REST API ampgo manages. Auth is the auth
// resource whose roles or pool authorize it.
type RestAPI struct {
	Name       string
	Authorizer string
	Auth       string
	Paths      []APIPath
}

// APIPath is one path of a REST API: the function behind it and the
// operations ("create", "read", "update", "delete") signed-in users and
// guests may call.
type APIPath struct {
	Path        string
	Function    string
	AuthAccess  []string
	GuestAccess []string
}

// Functions are the distinct functions behind the API's paths, sorted.
func (a RestAPI) Functions() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range a.Paths {
		if !seen[p.Function] {
			seen[p.Function] = true
			out = append(out, p.Function)
		}
	}
	sort.Strings(out)
	return out
}

// RestAPIOutput is the "output" block of a pushed REST API in
// amplify-meta.json: the Amplify CLI's ApiName, RootUrl and ApiId, plus the
// API's region and its authorization type (AWS_IAM or
// AMAZON_COGNITO_USER_POOLS), which the native configs carry.
type RestAPIOutput struct {
	ApiName           string `json:"ApiName"`
	RootUrl           string `json:"RootUrl"`
	ApiId             string `json:"ApiId"`
	Region            string `json:"Region"`
	AuthorizationType string `json:"AuthorizationType"`
}

// AuthorizationType is the API Gateway authorization type of an authorizer.
func AuthorizationType(authorizer string) string {
	if authorizer == AuthorizerUserPool {
		return "AMAZON_COGNITO_USER_POOLS"
	}
	return "AWS_IAM"
}

// apiInputs is cli-inputs.json in the Amplify CLI's APIGatewayCLIInputs
// shape ({"version": 1, "paths": {path: {lambdaFunction, permissions}}}),
// plus the authorizer, the auth resource and managedBy.
type apiInputs struct {
	Version    int                 `json:"version"`
	Paths      map[string]apiInput `json:"paths"`
	Authorizer string              `json:"authorizer"`
	Auth       string              `json:"auth"`
	ManagedBy  string              `json:"managedBy"`
}

type apiInput struct {
	LambdaFunction string         `json:"lambdaFunction"`
	Permissions    apiPermissions `json:"permissions"`
}

// apiPermissions is a path's access: setting "private" (signed-in users
// only) or "protected" (signed-in users and guests), as the Amplify CLI
// writes it.
type apiPermissions struct {
	Setting string   `json:"setting"`
	Auth    []string `json:"auth"`
	Guest   []string `json:"guest"`
}

// apiEntry is the backend-config.json and amplify-meta.json entry of a
// REST API: it depends on each function behind it (so `ampgo remove
// function` refuses while the API uses it) and on the auth resource.
type apiEntry struct {
	Service        string       `json:"service"`
	ProviderPlugin string       `json:"providerPlugin"`
	DependsOn      []Dependency `json:"dependsOn"`
}

func apiEntryOf(a RestAPI) apiEntry {
	e := apiEntry{Service: ServiceAPIGateway, ProviderPlugin: ProviderPlugin, DependsOn: []Dependency{}}
	for _, fn := range a.Functions() {
		e.DependsOn = append(e.DependsOn, Dependency{Category: CategoryFunction, ResourceName: fn, Attributes: []string{"Name", "Arn"}})
	}
	if a.Auth != "" {
		attr := []string{"UserPoolId"}
		if a.Authorizer != AuthorizerUserPool {
			attr = []string{"IdentityPoolId"}
		}
		e.DependsOn = append(e.DependsOn, Dependency{Category: CategoryAuth, ResourceName: a.Auth, Attributes: attr})
	}
	return e
}

func apiInputsOf(a RestAPI) apiInputs {
	in := apiInputs{Version: 1, Paths: map[string]apiInput{}, Authorizer: a.Authorizer, Auth: a.Auth, ManagedBy: ManagedByAmpgo}
	for _, p := range a.Paths {
		setting := "private"
		if len(p.GuestAccess) > 0 {
			setting = "protected"
		}
		in.Paths[p.Path] = apiInput{LambdaFunction: p.Function, Permissions: apiPermissions{
			Setting: setting, Auth: nonNil(p.AuthAccess), Guest: nonNil(p.GuestAccess)}}
	}
	return in
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// AddRestAPI records a new REST API: backend-config.json and
// amplify-meta.json get its entry, api/<name>/cli-inputs.json its settings.
func (p *Project) AddRestAPI(a RestAPI) error {
	return p.addResource(CategoryAPI, a.Name, apiInputsName, apiEntryOf(a), apiInputsOf(a))
}

// UpdateRestAPI rewrites a recorded REST API's settings and dependencies
// (paths added or removed).
func (p *Project) UpdateRestAPI(a RestAPI) error {
	if !p.read(BackendConfigPath(BackendDir)).LookupObject(CategoryAPI).Has(a.Name) {
		return fmt.Errorf("update api %s: %w", a.Name, ErrResourceNotFound)
	}
	entry := apiEntryOf(a)
	for _, rel := range []string{BackendConfigPath(BackendDir), MetaPath(BackendDir)} {
		obj := p.edit(rel)
		if !obj.LookupObject(CategoryAPI).Has(a.Name) {
			continue
		}
		if err := obj.PutIn([]string{CategoryAPI, a.Name, "dependsOn"}, entry.DependsOn); err != nil {
			return fmt.Errorf("update api %s: %w", a.Name, err)
		}
	}
	return p.replaceSettings(CategoryAPI, a.Name, apiInputsName, apiInputsOf(a))
}

// RemoveAPI deletes a REST or GraphQL API from the project, with its
// folder (a GraphQL API's schema.graphql too). The API, its deployment or
// tables, and its statements on the imported roles leave AWS on the next
// push.
func (p *Project) RemoveAPI(name string) error {
	return p.removeResource(CategoryAPI, name, apiInputsName)
}

// RestAPIs returns the REST APIs ampgo manages, sorted by name, with their
// paths sorted, and the names of APIs ampgo did not add (those of the
// Amplify CLI). ampgo's GraphQL APIs are in neither list.
func (p *Project) RestAPIs() (managed []RestAPI, other []string, err error) {
	names, other, err := p.managedNames(CategoryAPI, apiInputsName)
	if err != nil {
		return nil, nil, err
	}
	for _, name := range names {
		if p.apiService(name) == ServiceAppSync {
			continue // GraphQLAPIs reads those
		}
		rel := ResourceDir(BackendDir, CategoryAPI, name) + "/" + apiInputsName
		obj, _ := p.settingsFile(rel)
		var in apiInputs
		if err := obj.DecodeInto(&in); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", rel, err)
		}
		a := RestAPI{Name: name, Authorizer: in.Authorizer, Auth: in.Auth}
		if a.Authorizer == "" {
			a.Authorizer = AuthorizerIAM
		}
		for path, pi := range in.Paths {
			a.Paths = append(a.Paths, APIPath{Path: path, Function: pi.LambdaFunction,
				AuthAccess: nonNil(pi.Permissions.Auth), GuestAccess: nonNil(pi.Permissions.Guest)})
		}
		sort.Slice(a.Paths, func(i, j int) bool { return a.Paths[i].Path < a.Paths[j].Path })
		managed = append(managed, a)
	}
	return managed, other, nil
}

// SetRestAPIOutput records a pushed REST API's outputs in
// amplify-meta.json, with lastPushTimeStamp = now.
func (p *Project) SetRestAPIOutput(name string, out RestAPIOutput, now time.Time) error {
	return p.setOutput(CategoryAPI, name, out, now)
}

// RestAPIMeta is one amplify-meta.json api.<name> entry of a REST API, as
// the client config reads it.
type RestAPIMeta struct {
	// Name is the resource name (the key under "api").
	Name              string        `json:"-"`
	Service           string        `json:"service"`
	Output            RestAPIOutput `json:"output"`
	LastPushTimeStamp string        `json:"lastPushTimeStamp,omitempty"`
}

// RestAPIsMeta returns the REST APIs of amplify-meta.json (current
// environment), in file order; entries of other services (AppSync) are
// skipped. It only reads.
func (p *Project) RestAPIsMeta() ([]RestAPIMeta, error) {
	return metaEntries(p, CategoryAPI, ServiceAPIGateway, func(m *RestAPIMeta, name string) { m.Name = name })
}

// apiSegmentRE is one segment of a REST API path: a literal API Gateway
// accepts in a path part, or a {parameter}.
var apiSegmentRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[A-Za-z0-9._~-]+|\{[A-Za-z][A-Za-z0-9_]{0,63}\})$`)
})

// maxAPIPathLen keeps a path, twice in each execute-api ARN, well inside
// IAM's policy size limits.
const maxAPIPathLen = 200

// CheckAPIPath reports what is wrong with a REST API path ("/items",
// "/items/{id}/notes"): it starts with "/", has no empty segment and no
// trailing "/", and each segment is a literal or a {parameter}. The
// greedy {proxy+} child is ampgo's to add, never the user's.
func CheckAPIPath(path string) error {
	if !strings.HasPrefix(path, "/") || path == "/" {
		return fmt.Errorf("path %q must start with / and name at least one segment, for example /items", path)
	}
	if len(path) > maxAPIPathLen {
		return fmt.Errorf("path %q is longer than %d characters", path, maxAPIPathLen)
	}
	for _, seg := range strings.Split(path[1:], "/") {
		if !apiSegmentRE().MatchString(seg) || strings.Trim(seg, ".") == "" {
			return fmt.Errorf("path %q has an invalid segment %q: use letters, digits, . _ ~ - or a {parameter}", path, seg)
		}
	}
	return nil
}

// checkAPIInputs checks an api/<name>/cli-inputs.json. Only ampgo's own
// REST APIs (managedBy "ampgo") must have valid paths, function names and
// authorizer: their values reach templates and file paths.
func checkAPIInputs(c checker, raw json.RawMessage) error {
	var in apiInputs
	if err := c.decode("$", raw, &in); err != nil {
		return err
	}
	if in.ManagedBy != ManagedByAmpgo {
		return nil
	}
	var gql graphqlInputs
	if err := json.Unmarshal(raw, &gql); err == nil && gql.ServiceConfiguration.ServiceName == ServiceAppSync {
		return checkGraphQLModes(c, gql)
	}
	if in.Authorizer != "" && in.Authorizer != AuthorizerIAM && in.Authorizer != AuthorizerUserPool {
		return c.err("$.authorizer", fmt.Sprintf("%q", in.Authorizer), fmt.Errorf("want %q or %q", AuthorizerIAM, AuthorizerUserPool))
	}
	if in.Auth != "" && checkResourceName(in.Auth) != nil {
		return c.err("$.auth", fmt.Sprintf("%q", in.Auth), fmt.Errorf("want a resource name"))
	}
	for path, pi := range in.Paths {
		at := jsonKey("$.paths", path)
		if err := CheckAPIPath(path); err != nil {
			return c.err(at, fmt.Sprintf("%q", path), err)
		}
		if err := checkResourceName(pi.LambdaFunction); err != nil {
			return c.err(at+".lambdaFunction", fmt.Sprintf("%q", pi.LambdaFunction), err)
		}
	}
	return nil
}

package project

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// ServiceAppSync is the backend-config.json service of a GraphQL API.
const ServiceAppSync = "AppSync"

// AppSync authorization types, as AppSync, the Amplify CLI's cli-inputs.json
// and the client configs name them.
const (
	AuthUserPools = "AMAZON_COGNITO_USER_POOLS"
	AuthIAM       = "AWS_IAM"
	AuthAPIKey    = "API_KEY"
)

// GraphQLSchemaName is a GraphQL API's schema file, as the Amplify CLI
// names it: amplify/backend/api/<name>/schema.graphql.
const GraphQLSchemaName = "schema.graphql"

// maxSchemaSize caps the schema file read into memory (a schema of a few
// hundred models is ~100 KB).
const maxSchemaSize = 4 << 20

// GraphQLAPI is an AppSync GraphQL API ampgo manages: its authorization
// modes (the first is the default) and the auth resource whose pool and
// roles they use. The schema is in its schema.graphql.
type GraphQLAPI struct {
	Name string
	// Modes are AppSync authorization types, default first.
	Modes []string
	// APIKeyExpirationDays is the API key's lifetime when API_KEY is a mode,
	// and APIKeyExpires its end in epoch seconds, fixed when the mode was
	// chosen so that every push deploys the same template.
	APIKeyExpirationDays int
	APIKeyExpires        int64
	Auth                 string
}

// HasMode reports whether mode (AuthUserPools, AuthIAM, AuthAPIKey) is one
// of the API's authorization modes.
func (a GraphQLAPI) HasMode(mode string) bool {
	for _, m := range a.Modes {
		if m == mode {
			return true
		}
	}
	return false
}

// GraphQLSchemaPath is the project-relative path of an API's schema file.
func GraphQLSchemaPath(name string) string {
	return ResourceDir(BackendDir, CategoryAPI, name) + "/" + GraphQLSchemaName
}

// GraphQLOutput is the "output" block of a pushed GraphQL API in
// amplify-meta.json, with the Amplify CLI's keys; the API key only when
// API_KEY is a mode, the modes as AppSync types, default first.
type GraphQLOutput struct {
	GraphQLAPIIdOutput       string   `json:"GraphQLAPIIdOutput"`
	GraphQLAPIEndpointOutput string   `json:"GraphQLAPIEndpointOutput"`
	GraphQLAPIKeyOutput      string   `json:"GraphQLAPIKeyOutput,omitempty"`
	Region                   string   `json:"Region"`
	AuthModes                []string `json:"AuthModes"`
}

// graphqlInputs is cli-inputs.json in the Amplify CLI's AppSync shape
// ({"version": 1, "serviceConfiguration": {…}}), plus auth and managedBy.
type graphqlInputs struct {
	Version              int                  `json:"version"`
	ServiceConfiguration graphqlServiceConfig `json:"serviceConfiguration"`
	Auth                 string               `json:"auth"`
	ManagedBy            string               `json:"managedBy"`
}

type graphqlServiceConfig struct {
	APIName             string            `json:"apiName"`
	ServiceName         string            `json:"serviceName"`
	GQLSchemaPath       string            `json:"gqlSchemaPath"`
	DefaultAuthType     graphqlAuthType   `json:"defaultAuthType"`
	AdditionalAuthTypes []graphqlAuthType `json:"additionalAuthTypes"`
}

// graphqlAuthType is one mode; an API key's lifetime is in days
// (expirationTime) and its end in apiKeyExpirationDate, as the Amplify CLI
// writes them.
type graphqlAuthType struct {
	Mode                 string `json:"mode"`
	ExpirationTime       int    `json:"expirationTime,omitempty"`
	APIKeyExpirationDate string `json:"apiKeyExpirationDate,omitempty"`
}

func graphqlInputsOf(a GraphQLAPI) graphqlInputs {
	mode := func(m string) graphqlAuthType {
		t := graphqlAuthType{Mode: m}
		if m == AuthAPIKey {
			t.ExpirationTime = a.APIKeyExpirationDays
			if a.APIKeyExpires > 0 {
				t.APIKeyExpirationDate = time.Unix(a.APIKeyExpires, 0).UTC().Format(time.RFC3339)
			}
		}
		return t
	}
	in := graphqlInputs{Version: 1, Auth: a.Auth, ManagedBy: ManagedByAmpgo, ServiceConfiguration: graphqlServiceConfig{
		APIName: a.Name, ServiceName: ServiceAppSync, GQLSchemaPath: GraphQLSchemaPath(a.Name),
		AdditionalAuthTypes: []graphqlAuthType{}}}
	for i, m := range a.Modes {
		if i == 0 {
			in.ServiceConfiguration.DefaultAuthType = mode(m)
			continue
		}
		in.ServiceConfiguration.AdditionalAuthTypes = append(in.ServiceConfiguration.AdditionalAuthTypes, mode(m))
	}
	return in
}

func graphqlEntryOf(a GraphQLAPI) apiEntry {
	e := apiEntry{Service: ServiceAppSync, ProviderPlugin: ProviderPlugin, DependsOn: []Dependency{}}
	if a.Auth != "" {
		e.DependsOn = append(e.DependsOn, Dependency{Category: CategoryAuth, ResourceName: a.Auth, Attributes: []string{"UserPoolId"}})
	}
	return e
}

// AddGraphQLAPI records a new GraphQL API with its schema text.
func (p *Project) AddGraphQLAPI(a GraphQLAPI, schema []byte) error {
	if err := p.addResource(CategoryAPI, a.Name, apiInputsName, graphqlEntryOf(a), graphqlInputsOf(a)); err != nil {
		return err
	}
	return p.StageFile(GraphQLSchemaPath(a.Name), schema, 0o644)
}

// UpdateGraphQLAPI rewrites a recorded GraphQL API's settings (its modes).
func (p *Project) UpdateGraphQLAPI(a GraphQLAPI) error {
	if !p.read(BackendConfigPath(BackendDir)).LookupObject(CategoryAPI).Has(a.Name) {
		return fmt.Errorf("update api %s: %w", a.Name, ErrResourceNotFound)
	}
	return p.replaceSettings(CategoryAPI, a.Name, apiInputsName, graphqlInputsOf(a))
}

// GraphQLAPIs returns the GraphQL APIs ampgo manages, sorted by name.
func (p *Project) GraphQLAPIs() ([]GraphQLAPI, error) {
	names, _, err := p.managedNames(CategoryAPI, apiInputsName)
	if err != nil {
		return nil, err
	}
	var out []GraphQLAPI
	for _, name := range names {
		if p.apiService(name) != ServiceAppSync {
			continue
		}
		rel := ResourceDir(BackendDir, CategoryAPI, name) + "/" + apiInputsName
		obj, _ := p.settingsFile(rel)
		var in graphqlInputs
		if err := obj.DecodeInto(&in); err != nil {
			return nil, fmt.Errorf("read %s: %w", rel, err)
		}
		a := GraphQLAPI{Name: name, Auth: in.Auth, Modes: []string{in.ServiceConfiguration.DefaultAuthType.Mode}}
		for _, t := range append([]graphqlAuthType{in.ServiceConfiguration.DefaultAuthType}, in.ServiceConfiguration.AdditionalAuthTypes...) {
			if t.Mode == AuthAPIKey {
				a.APIKeyExpirationDays = t.ExpirationTime
				if end, err := time.Parse(time.RFC3339, t.APIKeyExpirationDate); err == nil {
					a.APIKeyExpires = end.Unix()
				}
			}
		}
		for _, t := range in.ServiceConfiguration.AdditionalAuthTypes {
			a.Modes = append(a.Modes, t.Mode)
		}
		out = append(out, a)
	}
	return out, nil
}

// IsGraphQLAPI reports whether api/<name> is an AppSync GraphQL API.
func (p *Project) IsGraphQLAPI(name string) bool { return p.apiService(name) == ServiceAppSync }

// apiService is the backend-config.json service of api/<name>.
func (p *Project) apiService(name string) string {
	var h resourceHead
	if raw, ok := p.read(BackendConfigPath(BackendDir)).Lookup(CategoryAPI, name); ok {
		if err := json.Unmarshal(raw, &h); err != nil {
			return ""
		}
	}
	return h.Service
}

// ReadGraphQLSchema reads an API's schema file (at most 4 MiB).
func (p *Project) ReadGraphQLSchema(name string) ([]byte, error) {
	rel := GraphQLSchemaPath(name)
	if w, ok := p.staged[rel]; ok {
		return w.data, nil
	}
	abs, err := p.SafePath(rel)
	if err != nil {
		return nil, fmt.Errorf("read schema of api %s: %w", name, err)
	}
	f, err := os.Open(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read schema of api %s: %s is missing", name, rel)
	}
	if err != nil {
		return nil, fmt.Errorf("read schema of api %s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSchemaSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", rel, err)
	}
	if len(data) > maxSchemaSize {
		return nil, fmt.Errorf("read %s: larger than %d bytes", rel, maxSchemaSize)
	}
	return data, nil
}

// SetGraphQLOutput records a pushed GraphQL API's outputs in
// amplify-meta.json, with lastPushTimeStamp = now.
func (p *Project) SetGraphQLOutput(name string, out GraphQLOutput, now time.Time) error {
	return p.setOutput(CategoryAPI, name, out, now)
}

// GraphQLMeta is one amplify-meta.json api.<name> entry of a GraphQL API,
// as the client config reads it.
type GraphQLMeta struct {
	Name              string        `json:"-"`
	Service           string        `json:"service"`
	Output            GraphQLOutput `json:"output"`
	LastPushTimeStamp string        `json:"lastPushTimeStamp,omitempty"`
}

// GraphQLAPIsMeta returns the GraphQL APIs of amplify-meta.json (current
// environment), in file order. It only reads.
func (p *Project) GraphQLAPIsMeta() ([]GraphQLMeta, error) {
	return metaEntries(p, CategoryAPI, ServiceAppSync, func(m *GraphQLMeta, name string) { m.Name = name })
}

// checkGraphQLModes checks the modes of a GraphQL API's cli-inputs.json.
func checkGraphQLModes(c checker, in graphqlInputs) error {
	at := "$.serviceConfiguration.defaultAuthType.mode"
	for i, t := range append([]graphqlAuthType{in.ServiceConfiguration.DefaultAuthType}, in.ServiceConfiguration.AdditionalAuthTypes...) {
		if i > 0 {
			at = fmt.Sprintf("$.serviceConfiguration.additionalAuthTypes[%d].mode", i-1)
		}
		switch t.Mode {
		case AuthUserPools, AuthIAM, AuthAPIKey:
		default:
			return c.err(at, fmt.Sprintf("%q", t.Mode), fmt.Errorf("want %s, %s or %s", AuthUserPools, AuthIAM, AuthAPIKey))
		}
	}
	return nil
}

package clientconfig

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/jsonobj"
	"github.com/ampgo/ampgo/internal/project"
)

// GraphQL (AppSync) APIs in the client configs
// (reference/amplify-api-behaviour.md §2):
//   - aws-exports.js and the javascript amplifyconfiguration.json: the
//     FIRST API only, as the Amplify CLI's getAppSyncConfig
//     (amplify-frontend-javascript lib/frontend-config-creator.js, §2.1):
//     aws_appsync_graphqlEndpoint, aws_appsync_region,
//     aws_appsync_authenticationType (the default mode), aws_appsync_apiKey
//     (only when the API has a key); plus a top-level modelIntrospection,
//     which the CLI never writes but Amplify JS v6 passes on as
//     API.GraphQL.modelIntrospection (@aws-amplify/core parseAWSExports:
//     `if (modelIntrospection) amplifyConfig.API.GraphQL.modelIntrospection
//     = modelIntrospection`, §2.2), so generateClient() builds client.models
//     from aws-exports.js as it does from amplify_outputs.json;
//   - native amplifyconfiguration.json/.dart: every API as
//     api.plugins.awsAPIPlugin.<name> {endpointType: "GraphQL", endpoint,
//     region, authorizationType, apiKey?} (the CLI's constructApi, §2.1);
//   - amplify_outputs.json: data {url, aws_region, api_key?,
//     default_authorization_type, authorization_types, model_introspection}
//     for the first API (the format has room for one, §2.3);
//   - awsconfiguration.json: nothing (see native.go; the CLI's AppSync
//     block there is for the retired AWSAppSync SDK).

// GraphQLConfig is one pushed AppSync GraphQL API.
type GraphQLConfig struct {
	// Name is the API's resource name, the awsAPIPlugin key of the native
	// configs.
	Name string
	// Endpoint is https://<id>.appsync-api.<region>.amazonaws.com/graphql.
	Endpoint string
	// Region is the API's region.
	Region string
	// DefaultAuthType is the default AppSync authorization type
	// (AMAZON_COGNITO_USER_POOLS, AWS_IAM or API_KEY).
	DefaultAuthType string
	// AuthTypes are the additional authorization types, in the recorded
	// order, without the default (as Gen 2's authorization_types).
	AuthTypes []string
	// APIKey is the API key; empty unless API_KEY is one of the modes.
	APIKey string
	// ModelIntrospection is the model introspection document of the API's
	// schema (graphql.ModelIntrospection), which generateClient() reads.
	ModelIntrospection json.RawMessage
}

// graphQLAPIs are the pushed GraphQL APIs of amplify-meta.json, in file
// order: an API counts once it was pushed and has an endpoint, as in the
// Amplify CLI (getAppSyncConfig reads GraphQLAPIEndpointOutput). The model
// introspection comes from the API's schema file; a schema that no longer
// parses is an error that names the file.
//
// The schema file is the local one: after an edit that is not pushed yet,
// the introspection describes the next deploy, and the next `ampgo push`
// brings API and config back in step.
func graphQLAPIs(p *project.Project, projectRegion string) ([]GraphQLConfig, error) {
	metas, err := p.GraphQLAPIsMeta()
	if err != nil {
		return nil, err
	}
	var out []GraphQLConfig
	for _, m := range metas {
		o := m.Output
		if m.LastPushTimeStamp == "" || o.GraphQLAPIEndpointOutput == "" {
			continue
		}
		if len(o.AuthModes) == 0 {
			return nil, &exit.Error{Code: exit.Failure,
				Err: fmt.Errorf("build client config: api %s in %s has no AuthModes", m.Name, project.MetaPath(project.BackendDir)),
				Fix: "run `ampgo push` to record the API's outputs again"}
		}
		intro, err := introspection(p, m.Name)
		if err != nil {
			return nil, err
		}
		out = append(out, GraphQLConfig{
			Name:               m.Name,
			Endpoint:           o.GraphQLAPIEndpointOutput,
			Region:             firstNonEmpty(o.Region, projectRegion),
			DefaultAuthType:    o.AuthModes[0],
			AuthTypes:          append([]string{}, o.AuthModes[1:]...),
			APIKey:             o.GraphQLAPIKeyOutput,
			ModelIntrospection: intro,
		})
	}
	return out, nil
}

// introspection parses the schema of api name and renders its model
// introspection.
func introspection(p *project.Project, name string) (json.RawMessage, error) {
	rel := project.GraphQLSchemaPath(name)
	src, err := p.ReadGraphQLSchema(name)
	if err != nil {
		return nil, &exit.Error{Code: exit.Failure, Err: fmt.Errorf("build client config: %w", err),
			Fix: "restore " + rel + " (the schema of the pushed API), then run `ampgo push`"}
	}
	s, err := graphql.Parse(rel, src)
	if err != nil {
		fix := "fix " + rel
		var ee *exit.Error
		if errors.As(err, &ee) && ee.Fix != "" {
			fix += " (" + strings.TrimSuffix(strings.TrimSpace(ee.Fix), ".") + ")"
		}
		return nil, &exit.Error{Code: exit.Usage,
			Err: fmt.Errorf("build client config: schema %s of api %s no longer parses: %w", rel, name, err),
			Fix: fix + ", then run `ampgo push`: the client config's model introspection is built from it"}
	}
	doc, err := graphql.ModelIntrospection(s)
	if err != nil {
		return nil, fmt.Errorf("build client config: model introspection of %s: %w", rel, err)
	}
	return doc, nil
}

// firstGraphQL is the API the single-API formats (aws-exports.js,
// amplify_outputs.json) describe: the first one, as the Amplify CLI's
// getAppSyncConfig takes it.
func (c Config) firstGraphQL() *GraphQLConfig {
	if len(c.GraphQLAPIs) == 0 {
		return nil
	}
	return &c.GraphQLAPIs[0]
}

func checkGraphQL(g *GraphQLConfig) error {
	if g.Endpoint == "" || g.DefaultAuthType == "" {
		return fmt.Errorf("render client config: graphql api %s has no endpoint or default authorization type", g.Name)
	}
	return nil
}

// setLegacyGraphQL adds the aws_appsync_* keys and modelIntrospection of
// the first API to the flat aws-exports object.
func setLegacyGraphQL(o *jsonobj.Object, c Config) error {
	g := c.firstGraphQL()
	if g == nil {
		return nil
	}
	if err := checkGraphQL(g); err != nil {
		return err
	}
	// The CLI writes the project region; the API's own is the same (it is
	// deployed in the env's stack) and is what the endpoint is signed for.
	o.Set("aws_appsync_graphqlEndpoint", g.Endpoint)
	o.Set("aws_appsync_region", g.Region)
	o.Set("aws_appsync_authenticationType", g.DefaultAuthType)
	if g.APIKey != "" {
		o.Set("aws_appsync_apiKey", g.APIKey)
	}
	return nil
}

// setLegacyIntrospection adds modelIntrospection, last among the generated
// keys (an ampgo addition, after the Amplify CLI's keys).
func setLegacyIntrospection(o *jsonobj.Object, c Config) {
	if g := c.firstGraphQL(); g != nil && len(g.ModelIntrospection) > 0 {
		o.Set("modelIntrospection", g.ModelIntrospection)
	}
}

// nativeGraphQLEntry is one awsAPIPlugin entry of the native configs, in
// the key order of the CLI's constructApi; apiKey only when there is one
// (the CLI's undefined is dropped by JSON.stringify). Amplify Android and
// Swift take the default mode from authorizationType; the additional modes
// are not in this format.
func nativeGraphQLEntry(g GraphQLConfig) (*jsonobj.Object, error) {
	if err := checkGraphQL(&g); err != nil {
		return nil, err
	}
	e := jsonobj.New().
		Set("endpointType", "GraphQL").
		Set("endpoint", g.Endpoint).
		Set("region", g.Region).
		Set("authorizationType", g.DefaultAuthType)
	if g.APIKey != "" {
		e.Set("apiKey", g.APIKey)
	}
	return e, nil
}

// outputsData is the data section of amplify_outputs.json for the first API,
// in the key order Gen 2 writes it (@aws-amplify/client-config
// DataClientConfigContributor: url, aws_region, api_key,
// default_authorization_type, authorization_types, then
// model_introspection). authorization_types are the ADDITIONAL modes only:
// Gen 2 splits awsAppsyncAdditionalAuthenticationTypes into it, so the
// default is not repeated (§2.3). nil when there is no API.
func outputsData(c Config) (*jsonobj.Object, error) {
	g := c.firstGraphQL()
	if g == nil {
		return nil, nil
	}
	if err := checkGraphQL(g); err != nil {
		return nil, err
	}
	o := jsonobj.New().Set("url", g.Endpoint).Set("aws_region", g.Region)
	if g.APIKey != "" {
		o.Set("api_key", g.APIKey)
	}
	o.Set("default_authorization_type", g.DefaultAuthType)
	o.Set("authorization_types", strs(g.AuthTypes))
	if len(g.ModelIntrospection) > 0 {
		o.Set("model_introspection", g.ModelIntrospection)
	}
	return o, nil
}

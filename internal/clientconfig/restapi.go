package clientconfig

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// REST APIs in the client configs (reference/amplify-api-behaviour.md §1.4):
//   - aws-exports.js and the javascript amplifyconfiguration.json:
//     aws_cloud_logic_custom [{name, endpoint, region}] (the Amplify CLI's
//     getAPIGWConfig, amplify-frontend-javascript lib/frontend-config-creator.js);
//   - native amplifyconfiguration.json/.dart: api.plugins.awsAPIPlugin.<name>
//     {endpointType: "REST", endpoint, region, authorizationType} (the CLI's
//     constructApi, amplify-frontend-{android,ios,flutter}
//     lib/amplify-config-helper.js);
//   - awsconfiguration.json: nothing (the CLI's getAWSConfigObject has no
//     API Gateway case; AWSMobileClient apps call API Gateway through
//     generated SDK clients, not this file);
//   - amplify_outputs.json: custom.API.<name> {endpoint, region, apiName},
//     as the Gen 2 REST docs add it with backend.addOutput (Gen 2 has no
//     REST section; amplify-js never reads custom.API on its own, the app
//     merges it into API.REST).
//
// Entries an existing file holds for APIs ampgo does not render are kept,
// like every other key users add (DESIGN.md §1 promise 3), after ampgo's.
// Deliberate difference: the Amplify CLI drops them (aws_cloud_logic_custom
// is in its CUSTOM_CONFIG_DENY_LIST, and the native file is rebuilt from
// amplify-meta.json). Entries that look like ampgo's own (ownedEndpoint) are
// dropped instead, so a removed API does not linger as a stale endpoint.

// executeAPIRE matches a default API Gateway endpoint and captures the stage.
var executeAPIRE = regexp.MustCompile(`^https://[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/([^/]+)/?$`)

// ownedEndpoint reports whether endpoint is a stage of an API Gateway REST
// API named after one of the project's environments: the shape of every
// endpoint ampgo writes.
func ownedEndpoint(c Config, endpoint string) bool {
	m := executeAPIRE.FindStringSubmatch(endpoint)
	if m == nil {
		return false
	}
	stage, err := url.PathUnescape(m[1])
	return err == nil && slices.Contains(c.Envs, stage)
}

// renders reports whether ampgo writes a REST API named name.
func (c Config) renders(name string) bool {
	return slices.ContainsFunc(c.RestAPIs, func(a RestAPIConfig) bool { return a.Name == name })
}

// cloudLogicCustom is the aws_cloud_logic_custom list: ampgo's APIs in
// amplify-meta.json order, then the entries of the existing file's list
// (old, may be nil) that are neither ampgo's APIs nor look like one, in
// their order. Amplify JS v6's parseAWSExports (packages/core/src/
// parseAWSExports.ts) turns each entry into API.REST[name] = {endpoint,
// region}. Empty when there is nothing to write.
func cloudLogicCustom(c Config, old json.RawMessage) []any {
	var out []any
	for _, a := range c.RestAPIs {
		out = append(out, jsonobj.New().Set("name", a.Name).Set("endpoint", a.Endpoint).Set("region", a.Region))
	}
	var entries []json.RawMessage
	if json.Unmarshal(old, &entries) != nil {
		return out // absent, or not a list: nothing Amplify JS could read
	}
	for _, raw := range entries {
		var e struct{ Name, Endpoint string }
		if json.Unmarshal(raw, &e) == nil && (c.renders(e.Name) || ownedEndpoint(c, e.Endpoint)) {
			continue
		}
		out = append(out, raw)
	}
	return out
}

// nativeAPI is the api category of the native configs: ampgo's GraphQL and
// REST APIs under awsAPIPlugin, in amplify-meta.json order, then whatever the existing
// file's api category (old) holds besides: other entries of awsAPIPlugin
// (GraphQL APIs, REST APIs ampgo does not know), other plugins, other keys.
// nil when there is nothing to write.
func nativeAPI(c Config, old *jsonobj.Object) (*jsonobj.Object, error) {
	plugin := jsonobj.New()
	// GraphQL APIs first (graphql.go), then REST: the CLI writes them in
	// amplify-meta.json order, which the model does not keep across the two
	// kinds; readers look entries up by name.
	for _, g := range c.GraphQLAPIs {
		e, err := nativeGraphQLEntry(g)
		if err != nil {
			return nil, err
		}
		plugin.Set(g.Name, e)
	}
	for _, a := range c.RestAPIs {
		plugin.Set(a.Name, jsonobj.New().
			Set("endpointType", "REST").
			Set("endpoint", a.Endpoint).
			Set("region", a.Region).
			Set("authorizationType", a.AuthorizationType))
	}
	oldPlugins := old.LookupObject("plugins")
	oldPlugin := oldPlugins.LookupObject(apiPluginKey)
	for _, name := range oldPlugin.Keys() {
		var e struct{ EndpointType, Endpoint string }
		_, _ = oldPlugin.Decode(name, &e)
		if plugin.Has(name) || (e.EndpointType == "REST" && ownedEndpoint(c, e.Endpoint)) {
			continue
		}
		v, _ := oldPlugin.Get(name)
		plugin.Set(name, v)
	}
	plugins := jsonobj.New()
	if plugin.Len() > 0 {
		plugins.Set(apiPluginKey, plugin)
	}
	plugins = keepCustom(plugins, oldPlugins, keySet(apiPluginKey))
	api := jsonobj.New()
	if plugins.Len() > 0 {
		api.Set("plugins", plugins)
	}
	api = keepCustom(api, old, keySet("plugins"))
	if api.Len() == 0 {
		return nil, nil
	}
	return api, nil
}

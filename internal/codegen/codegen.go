// Package codegen writes the GraphQL statements of a JavaScript frontend
// (<source dir>/graphql/queries.js, mutations.js, subscriptions.js) from
// the project's GraphQL API, as `amplify codegen` does after a push.
package codegen

import (
	"fmt"
	"path"

	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/project"
)

// Dir is the folder of the statements under the source dir, the Amplify
// CLI's default docsFilePath (reference amplify-api-behaviour.md §5).
const Dir = "graphql"

// Stage stages the statements of the project's first GraphQL API (the
// Amplify CLI generates them for one API) when the frontend is JavaScript,
// and returns their paths. Other frontends, or a project without a GraphQL
// API, get nothing. It only reads the schema; Save writes the files.
func Stage(p *project.Project) ([]string, error) {
	if p.Config().Frontend != project.FrontendJavaScript {
		return nil, nil
	}
	apis, err := p.GraphQLAPIs()
	if err != nil || len(apis) == 0 {
		return nil, err
	}
	name := apis[0].Name
	src, err := p.ReadGraphQLSchema(name)
	if err != nil {
		return nil, err
	}
	s, err := graphql.Parse(project.GraphQLSchemaPath(name), src)
	if err != nil {
		return nil, err
	}
	queries, mutations, subscriptions, err := graphql.Statements(s)
	if err != nil {
		return nil, fmt.Errorf("generate statements of api %s: %w", name, err)
	}
	var paths []string
	for _, f := range []struct {
		name string
		data []byte
	}{{"queries.js", queries}, {"mutations.js", mutations}, {"subscriptions.js", subscriptions}} {
		if f.data == nil {
			continue
		}
		rel := path.Join(p.Config().SourceDir(), Dir, f.name)
		if err := p.StageFile(rel, f.data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, rel)
	}
	return paths, nil
}

package category

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/template"
)

// helloTemplates are the starter handlers of a new function, one per
// runtime family. They return a JSON greeting with the environment and, when
// the function has auth access, the imported pool's id, so a first invoke
// proves the wiring.
var helloTemplates = map[string]string{
	"nodejs": `/* ampgo environment variables - available in process.env:
{{- range .EnvVars}}
	{{.}}
{{- end}}
*/

/**
 * @type {import('@types/aws-lambda').Handler}
 */
exports.handler = async (event) => {
  console.log(` + "`EVENT: ${JSON.stringify(event)}`" + `);
  return {
    statusCode: 200,
{{- if .API}}
    // CORS: lets a browser app read the answer (the OPTIONS preflight is
    // answered by API Gateway itself).
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
    },
{{- end}}
    body: JSON.stringify({
      message: 'Hello from {{.Name}}!',
      env: process.env.ENV,
{{- if .API}}
      path: event.path,
      method: event.httpMethod,
{{- end}}
{{- if .PoolVar}}
      userPoolId: process.env.{{.PoolVar}},
{{- end}}
    }),
  };
};
`,
	"python": `"""ampgo environment variables - available in os.environ:
{{- range .EnvVars}}
    {{.}}
{{- end}}
"""
import json
import os


def handler(event, context):
    print("EVENT: " + json.dumps(event))
    body = {"message": "Hello from {{.Name}}!", "env": os.environ.get("ENV")}
{{- if .API}}
    body["path"] = event.get("path")
    body["method"] = event.get("httpMethod")
{{- end}}
{{- if .PoolVar}}
    body["userPoolId"] = os.environ.get("{{.PoolVar}}")
{{- end}}
{{- if .API}}
    # CORS: lets a browser app read the answer (the OPTIONS preflight is
    # answered by API Gateway itself).
    headers = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*"}
    return {"statusCode": 200, "headers": headers, "body": json.dumps(body)}
{{- else}}
    return {"statusCode": 200, "body": json.dumps(body)}
{{- end}}
`,
	"package.json": `{
  "name": "{{.Name}}",
  "version": "1.0.0",
  "description": "ampgo function {{.Name}}",
  "main": "index.js",
  "license": "Apache-2.0"
}
`,
}

// helloData is what the starter templates see. API is set for the
// function behind a REST API: it answers API Gateway's proxy event with
// CORS headers and echoes the path and method.
type helloData struct {
	Name    string
	EnvVars []string
	PoolVar string
	API     bool
}

// HelloSource returns the files of a new function's src/ folder: a working
// handler that greets, for runtime. authResource is "" for a function
// without auth access.
func HelloSource(name, runtime, authResource string) (map[string][]byte, error) {
	return helloSource(name, runtime, authResource, false)
}

func helloSource(name, runtime, authResource string, api bool) (map[string][]byte, error) {
	if !ValidRuntime(runtime) {
		return nil, fmt.Errorf("render hello handler %s: unknown runtime %q", name, runtime)
	}
	d := helloData{Name: name, EnvVars: []string{"ENV", "REGION"}, API: api}
	if authResource != "" {
		d.PoolVar = UserPoolEnvVar(authResource)
		d.EnvVars = append(d.EnvVars, d.PoolVar)
	}
	sort.Strings(d.EnvVars)
	files := map[string]string{"index.py": "python"}
	if strings.HasPrefix(runtime, "nodejs") {
		files = map[string]string{"index.js": "nodejs", "package.json": "package.json"}
	}
	out := map[string][]byte{}
	for file, tmpl := range files {
		t, err := template.New(file).Option("missingkey=error").Parse(helloTemplates[tmpl])
		if err != nil {
			return nil, fmt.Errorf("parse hello template %s: %w", file, err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return nil, fmt.Errorf("render hello handler %s/%s: %w", name, file, err)
		}
		out[file] = b.Bytes()
	}
	return out, nil
}

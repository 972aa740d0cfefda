package drift

import (
	"encoding/json"

	"github.com/ampgo/ampgo/internal/mapkeys"
	"github.com/ampgo/ampgo/internal/project"
)

// secretKeys are never compared or shown: a client secret is only in the
// project when the user asked for it, and never belongs in a diff.
var secretKeys = map[string]bool{"AppClientSecret": true}

// RecordedChanges compares what the project records for an imported auth
// resource with what importauth.Record makes of the live resources (live),
// field by field: parameters.json, team-provider-info.json, and, where this
// checkout has them, the amplify-meta.json outputs and frontendAuthConfig.
// An empty result means the client config is up to date with the live
// resources. Absent, null, "" and [] are the same value.
func RecordedChanges(recorded *project.ImportedAuth, live project.ImportedAuth) []Change {
	type pair struct {
		file       string
		rec, other any
	}
	pairs := []pair{
		{"backend-config.json", map[string]bool{"customAuth": recorded.Backend.CustomAuth},
			map[string]bool{"customAuth": live.Backend.CustomAuth}},
		{"parameters.json", recorded.Parameters, live.Parameters},
		{project.TeamProviderInfoFile, recorded.Env, live.Env},
	}
	if recorded.Meta.Output.UserPoolID != "" {
		pairs = append(pairs, pair{"amplify-meta.json output", recorded.Meta.Output, live.Meta.Output})
	}
	if recorded.Meta.FrontendAuthConfig != nil && live.Meta.FrontendAuthConfig != nil {
		pairs = append(pairs, pair{"amplify-meta.json frontendAuthConfig", recorded.Meta.FrontendAuthConfig, live.Meta.FrontendAuthConfig})
	}
	out := []Change{}
	for _, p := range pairs {
		out = append(out, diffFlat(p.file, flatten(p.rec), flatten(p.other))...)
	}
	return out
}

func diffFlat(file string, rec, live map[string]json.RawMessage) []Change {
	var names []string
	for _, k := range mapkeys.SortedUnion(rec, live) {
		if !secretKeys[k] {
			names = append(names, k)
		}
	}
	var out []Change
	for _, k := range names {
		if SameJSON(rec[k], live[k]) {
			continue
		}
		out = append(out, Change{Part: file, Resource: file, Field: k, Recorded: orNull(rec[k]), Live: orNull(live[k]),
			Change: Changed})
	}
	return out
}

// flatten encodes v and returns its leaves by dotted path; lists are leaves.
func flatten(v any) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	raw, err := json.Marshal(v)
	if err != nil {
		return out
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return out
	}
	var walk func(prefix string, t any)
	walk = func(prefix string, t any) {
		obj, ok := t.(map[string]any)
		if !ok || prefix != "" && len(obj) == 0 {
			b, _ := json.Marshal(t)
			out[prefix] = b
			return
		}
		for k, child := range obj {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			walk(key, child)
		}
	}
	walk("", tree)
	return out
}

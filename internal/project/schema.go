package project

import (
	"fmt"
	"path"
	"strings"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// checkFile validates one file by its path against the shape ampgo expects
// (issue 10): names used as folders or environments are checked like names
// typed on the command line, and every part ampgo reads decodes into its
// type. Keys ampgo does not know are left alone. loadFile runs it on every
// file it reads, so accessors never meet a wrongly typed value.
func checkFile(rel string, o *jsonobj.Object) error {
	c := checker{file: rel}
	raw, err := jsonobj.Compact(o)
	if err != nil {
		return c.err("$", "", err)
	}
	switch base := path.Base(rel); {
	case rel == ProjectConfigFile:
		return checkProjectConfig(c, raw)
	case rel == LocalEnvInfoFile:
		var info LocalEnvInfo
		if err := c.decode("$", raw, &info); err != nil {
			return err
		}
		if info.EnvName != "" && !ValidEnvName(info.EnvName) {
			return c.err("$.envName", fmt.Sprintf("%q", info.EnvName), fmt.Errorf("want 2 to 10 lower-case letters"))
		}
	case rel == LocalAWSInfoFile:
		for _, env := range o.Keys() {
			if err := c.envName("$", env); err != nil {
				return err
			}
			if err := c.decode(jsonKey("$", env), o.Raw(env), &AWSProfile{}); err != nil {
				return err
			}
		}
	case rel == TeamProviderInfoFile:
		return checkTeamProviderInfo(c, o)
	case base == backendConfigName:
		return checkBackendConfig(c, o)
	case base == metaName:
		return checkMeta(c, o)
	case base == parametersName && strings.Contains(rel, "/"+CategoryAuth+"/"):
		return c.decode("$", raw, &AuthParameters{})
	case base == managedAuthName && strings.Contains(rel, "/"+CategoryAuth+"/"):
		return c.decode("$", raw, &ManagedAuthSettings{})
	case base == storageInputsName && strings.Contains(rel, "/"+CategoryStorage+"/"):
		return c.decode("$", raw, &storageInputs{})
	case base == apiInputsName && strings.Contains(rel, "/"+CategoryAPI+"/"):
		return checkAPIInputs(c, raw)
	case base == functionParamsName:
		return c.decode("$", raw, &functionParams{})
	}
	return nil
}

func checkProjectConfig(c checker, raw []byte) error {
	var pc ProjectConfig
	if err := c.decode("$", raw, &pc); err != nil {
		return err
	}
	if pc.Version != "" {
		major, _, _ := strings.Cut(pc.Version, ".")
		want, _, _ := strings.Cut(ProjectConfigVersion, ".")
		if major != want {
			return c.err("$.version", fmt.Sprintf("%q", pc.Version),
				fmt.Errorf("ampgo reads version %s.x", want))
		}
	}
	for _, d := range []struct{ at, dir string }{
		{"$.javascript.config.SourceDir", jsSourceDir(pc)},
		{"$.android.config.ResDir", resDir(pc.Android)},
		{"$.flutter.config.ResDir", resDir(pc.Flutter)},
	} {
		if d.dir == "" {
			continue
		}
		if _, err := cleanInside(d.dir); err != nil {
			return c.err(d.at, fmt.Sprintf("%q", d.dir), fmt.Errorf("want a folder inside the project"))
		}
	}
	return nil
}

func jsSourceDir(pc ProjectConfig) string {
	if pc.JavaScript == nil {
		return ""
	}
	return pc.JavaScript.Config.SourceDir
}

func resDir(f *ResDirFrontend) string {
	if f == nil {
		return ""
	}
	return f.Config.ResDir
}

func checkTeamProviderInfo(c checker, o *jsonobj.Object) error {
	for _, env := range o.Keys() {
		if err := c.envName("$", env); err != nil {
			return err
		}
		at := jsonKey("$", env)
		e, err := c.object(at, o.Raw(env))
		if err != nil {
			return err
		}
		if raw, ok := e.Lookup(ProviderPlugin); ok {
			if err := c.decode(jsonKey(at, ProviderPlugin), raw, &ProviderInfo{}); err != nil {
				return err
			}
		}
		if raw, ok := e.Lookup("categories"); ok {
			cats, err := c.object(at+".categories", raw)
			if err != nil {
				return err
			}
			if err := c.categoriesAt(at+".categories", cats, "", func(cat string) any {
				if cat == CategoryAuth {
					return &EnvAuth{}
				}
				return nil
			}); err != nil {
				return err
			}
			if err := checkAuthSources(c, at+".categories", cats); err != nil {
				return err
			}
			if err := checkManaged(c, at+".categories", cats); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkBackendConfig(c checker, o *jsonobj.Object) error {
	if raw, ok := o.Lookup(parametersKey); ok {
		params, err := c.object("$.parameters", raw)
		if err != nil {
			return err
		}
		for _, k := range params.Keys() {
			if err := c.decode(jsonKey("$.parameters", k), params.Raw(k), &paramUsage{}); err != nil {
				return err
			}
		}
	}
	return c.categories(o, parametersKey, func(cat string) any {
		if cat == CategoryAuth {
			return &BackendAuth{}
		}
		return &resourceHead{}
	})
}

func checkMeta(c checker, o *jsonobj.Object) error {
	if raw, ok := o.Lookup(providersKey); ok {
		prov, err := c.object("$.providers", raw)
		if err != nil {
			return err
		}
		if raw, ok := prov.Lookup(ProviderPlugin); ok {
			if err := c.decode("$.providers."+ProviderPlugin, raw, &ProviderInfo{}); err != nil {
				return err
			}
		}
	}
	return c.categories(o, providersKey, func(cat string) any {
		switch cat {
		case CategoryAuth:
			return &MetaAuth{}
		case storageMetaCategory:
			return &S3StorageMeta{}
		}
		return &resourceHead{}
	})
}

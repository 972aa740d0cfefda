package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/ids"
)

// The resource types of the AWS provider ampgo reads, with the attribute
// names of terraform-provider-aws (reference §4.3).
const (
	tfUserPool        = "aws_cognito_user_pool"
	tfUserPoolClient  = "aws_cognito_user_pool_client"
	tfIdentityPool    = "aws_cognito_identity_pool"
	tfRolesAttachment = "aws_cognito_identity_pool_roles_attachment"
)

// tfAttrs is the part of a resource's attributes (state v4) or values
// (show -json) ampgo reads. Unknown attributes are never decoded, and
// client_secret only as present/absent.
type tfAttrs struct {
	ID                       string     `json:"id"`
	Name                     string     `json:"name"`
	UserPoolID               string     `json:"user_pool_id"`
	GenerateSecret           *bool      `json:"generate_secret"`
	ClientSecret             secretAttr `json:"client_secret"`
	IdentityPoolName         string     `json:"identity_pool_name"`
	IdentityPoolID           string     `json:"identity_pool_id"`
	CognitoIdentityProviders []struct {
		ProviderName string `json:"provider_name"`
	} `json:"cognito_identity_providers"`
}

// secretAttr decodes a secret attribute into whether it is there and
// non-empty; the value itself is never copied out of the input.
type secretAttr int

// secretAttr values: the key is absent; null or ""; a non-empty string.
const (
	secretAbsent secretAttr = iota
	secretEmpty
	secretSet
)

// UnmarshalJSON keeps only "is there a non-empty string" (json calls it
// for null too).
func (s *secretAttr) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*s = secretEmpty
	if len(b) > 2 && b[0] == '"' {
		*s = secretSet
	}
	return nil
}

// tfState is the part of a state file (format version 4,
// internal/states/statefile/version4.go) ampgo reads.
type tfState struct {
	Version   *int `json:"version"`
	Resources []struct {
		Module    string `json:"module"`
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			IndexKey   json.RawMessage `json:"index_key"`
			Deposed    string          `json:"deposed"`
			Attributes json.RawMessage `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
	// show -json (internal/command/jsonstate/state.go)
	FormatVersion string    `json:"format_version"`
	Values        *tfValues `json:"values"`
}

type tfValues struct {
	RootModule tfModule `json:"root_module"`
}

type tfModule struct {
	Address   string `json:"address"`
	Resources []struct {
		Address    string          `json:"address"`
		Mode       string          `json:"mode"`
		Type       string          `json:"type"`
		DeposedKey string          `json:"deposed_key"`
		Values     json.RawMessage `json:"values"`
	} `json:"resources"`
	ChildModules []tfModule `json:"child_modules"`
}

// ParseTerraform reads the Cognito resources of a Terraform state: a state
// file (format version 4) or `terraform show -json` output, in any module.
// Only managed resources count (a data source names a resource managed
// elsewhere), and deposed objects (old instances waiting to be destroyed)
// are skipped. Client secrets are dropped at parse time.
func ParseTerraform(data []byte) (*Found, error) {
	var st tfState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("not a terraform state: %w", jsonProblem(err))
	}
	f := &Found{}
	switch {
	case st.Values != nil || st.FormatVersion != "":
		if !strings.HasPrefix(st.FormatVersion, "1.") {
			return nil, fmt.Errorf("terraform show -json format_version %q: ampgo reads 1.x", clip(st.FormatVersion))
		}
		if st.Values != nil {
			if err := walkShowModule(f, st.Values.RootModule, 0); err != nil {
				return nil, err
			}
		}
	case st.Version != nil:
		if *st.Version != 4 {
			return nil, fmt.Errorf("terraform state format version %d: ampgo reads version 4 (Terraform 0.12 and later); run `terraform show -json` and pass its output", *st.Version)
		}
		for _, r := range st.Resources {
			if r.Mode != "managed" {
				continue
			}
			addr := r.Type + "." + r.Name
			if r.Module != "" {
				addr = r.Module + "." + addr
			}
			for _, in := range r.Instances {
				if in.Deposed != "" {
					continue
				}
				a := addr
				if len(in.IndexKey) > 0 {
					a += "[" + string(in.IndexKey) + "]"
				}
				if err := addTF(f, r.Type, a, in.Attributes); err != nil {
					return nil, err
				}
			}
		}
	default:
		return nil, errors.New("not a terraform state: no \"version\" (state file) or \"format_version\" (terraform show -json)")
	}
	return f, nil
}

// maxModuleDepth bounds the recursion over child_modules: Terraform itself
// has no limit, but a hostile file must not exhaust the stack.
const maxModuleDepth = 64

func walkShowModule(f *Found, m tfModule, depth int) error {
	if depth > maxModuleDepth {
		return fmt.Errorf("terraform show -json: modules nested deeper than %d", maxModuleDepth)
	}
	for _, r := range m.Resources {
		if r.Mode != "managed" || r.DeposedKey != "" {
			continue
		}
		if err := addTF(f, r.Type, r.Address, r.Values); err != nil {
			return err
		}
	}
	for _, c := range m.ChildModules {
		if err := walkShowModule(f, c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// addTF adds one resource instance of a Cognito type; ids of the wrong
// shape are ignored (they cannot be a Cognito resource ampgo could read).
// The raw attributes are decoded into tfAttrs only (never a secret) and
// then zeroed, so the copy the decoder made does not linger.
func addTF(f *Found, typ, addr string, raw json.RawMessage) error {
	defer clear(raw)
	switch typ {
	case tfUserPool, tfUserPoolClient, tfIdentityPool, tfRolesAttachment:
	default:
		return nil
	}
	var a tfAttrs
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &a); err != nil {
			return fmt.Errorf("terraform resource %s: %w", clip(addr), jsonProblem(err))
		}
	}
	switch typ {
	case tfUserPool:
		if ids.UserPoolID(a.ID) == nil {
			f.addPool(Pool{ID: a.ID, Name: a.Name, Where: addr})
		}
	case tfUserPoolClient:
		if ids.ClientID(a.ID) != nil {
			return nil
		}
		c := Client{ID: a.ID, Name: a.Name, UserPoolID: a.UserPoolID, Where: addr}
		// client_secret empty or null means no secret (reference §4.3);
		// generate_secret is null when the configuration does not set it.
		switch {
		case a.ClientSecret == secretSet, a.GenerateSecret != nil && *a.GenerateSecret:
			c.Secret = SecretYes
		case a.ClientSecret == secretEmpty, a.GenerateSecret != nil:
			c.Secret = SecretNo
		}
		f.addClient(c)
	case tfIdentityPool:
		if ids.IdentityPoolID(a.ID) != nil {
			return nil
		}
		ip := IdentityPool{ID: a.ID, Name: a.IdentityPoolName, Where: addr}
		for _, p := range a.CognitoIdentityProviders {
			// provider_name is cognito-idp.<region>.amazonaws.com/<poolId>
			if i := strings.LastIndexByte(p.ProviderName, '/'); i >= 0 && ids.UserPoolID(p.ProviderName[i+1:]) == nil {
				ip.UserPools = append(ip.UserPools, p.ProviderName[i+1:])
			}
		}
		f.addIdentityPool(ip)
	case tfRolesAttachment:
		// An identity pool managed elsewhere but attached here still names
		// the pool this configuration uses.
		if ids.IdentityPoolID(a.IdentityPoolID) == nil {
			f.addIdentityPool(IdentityPool{ID: a.IdentityPoolID, Where: addr})
		}
	}
	return nil
}

// jsonProblem keeps a decoding error's position and kind, never a value
// from the input (encoding/json's errors hold none, but say so here).
func jsonProblem(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%s is %s, want %s", te.Field, te.Value, te.Type.Kind())
	}
	return errors.New("invalid JSON")
}

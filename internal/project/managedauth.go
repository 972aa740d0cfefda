package project

import (
	"encoding/json"
	"fmt"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/jsonobj"
)

// Managed auth (issue 14): auth whose Cognito resources ampgo creates in an
// environment, instead of importing existing ones. The project records it
// in two places:
//
//   - amplify/backend/auth/<name>/managed-auth.json (committed): the
//     settings every managed environment creates its resources from.
//   - team-provider-info.json <env>.categories.auth.<name>.managed
//     (committed): present in each environment whose auth ampgo manages,
//     {"allowUserPoolDeletion": false}. An environment without it imports.
//
// Once a managed environment is pushed, its entry also holds the ids of the
// resources ampgo created, in the same keys as an import, and the auth
// resource is recorded like an imported one everywhere else: from the
// Amplify CLI's point of view each environment's ids are given, which is
// true, and storage, functions, APIs, client config, doctor and drift work
// on it unchanged.

// Auth modes of an environment (EnvAuthMode).
const (
	AuthModeImported = "imported"
	AuthModeManaged  = "managed"
)

// managedAuthName is the settings file of managed auth in auth/<name>/.
const managedAuthName = "managed-auth.json"

// managedKey is the key of ManagedEnv in an environment's auth entry.
const managedKey = "managed"

// ManagedAuthPath returns the settings file of managed auth name.
func ManagedAuthPath(name string) string {
	return ResourceDir(BackendDir, CategoryAuth, name) + "/" + managedAuthName
}

// ManagedAuthSettings are the settings of managed auth, shared by every
// managed environment. They hold no secret: social providers' credentials
// are read at push time from environment variables or SSM.
type ManagedAuthSettings struct {
	SignIn             []string `json:"signIn"`             // "email", "phone", "username"
	MFA                string   `json:"mfa"`                // "OFF", "OPTIONAL" or "ON"
	MFATypes           []string `json:"mfaTypes"`           // "TOTP", "SMS"
	PasswordMinLength  int      `json:"passwordMinLength"`  // 6 to 99
	PasswordLowercase  bool     `json:"passwordLowercase"`  // require a lower-case letter
	PasswordUppercase  bool     `json:"passwordUppercase"`  // require an upper-case letter
	PasswordNumbers    bool     `json:"passwordNumbers"`    // require a digit
	PasswordSymbols    bool     `json:"passwordSymbols"`    // require a symbol
	GuestAccess        bool     `json:"guestAccess"`        // unauthenticated identities
	DomainPrefix       string   `json:"domainPrefix"`       // hosted UI "<prefix>-<env>"; "" for none
	WebCallbackURLs    []string `json:"webCallbackUrls"`    // sign-in redirects of the web client
	WebSignoutURLs     []string `json:"webSignoutUrls"`     // sign-out redirects of the web client
	NativeCallbackURLs []string `json:"nativeCallbackUrls"` // of the native client; empty: the web client's
	NativeSignoutURLs  []string `json:"nativeSignoutUrls"`
	Social             []string `json:"social"` // "google", "facebook", "amazon", "apple"
	// SocialSSMPrefix names where push reads a social credential that no
	// AMPGO_* variable holds: the SSM parameter "<prefix><provider>_<detail>",
	// e.g. "/shop/auth/google_client_secret". A name, never a value.
	SocialSSMPrefix string `json:"socialSsmPrefix,omitempty"`
	// Generation is part of the user pool's logical id after the first
	// replacement (`ampgo update auth --replace-user-pool`): a new logical id
	// is the only way CloudFormation creates a new pool.
	Generation int `json:"generation,omitempty"`
}

// ManagedEnv is what one environment records about its managed auth.
type ManagedEnv struct {
	// AllowUserPoolDeletion drops DeletionPolicy Retain and deletion
	// protection from the environment's user pool (throwaway envs).
	AllowUserPoolDeletion bool `json:"allowUserPoolDeletion"`
}

// EnvAuthMode returns AuthModeManaged when env's auth is managed,
// AuthModeImported when env records an imported auth resource, and "" when
// env has no auth entry.
func (p *Project) EnvAuthMode(env string) string {
	name, ok := p.authName()
	if !ok {
		return ""
	}
	entry := p.read(TeamProviderInfoFile).LookupObject(env, "categories", CategoryAuth, name)
	switch {
	case entry.Has(managedKey):
		return AuthModeManaged
	case entry.Len() > 0:
		return AuthModeImported
	}
	return ""
}

// EnvManagedAuth returns env's managed-auth record; ok is false when env's
// auth is not managed.
func (p *Project) EnvManagedAuth(env string) (m ManagedEnv, ok bool) {
	return m, p.envAuthValue(env, managedKey, &m)
}

// ManagedAuth returns the project's managed-auth settings; ok is false when
// the project has none.
func (p *Project) ManagedAuth() (name string, s ManagedAuthSettings, ok bool) {
	name, found := p.authName()
	if !found || !p.exists(ManagedAuthPath(name)) {
		return name, s, false
	}
	// Load has decoded it once.
	_ = p.read(ManagedAuthPath(name)).DecodeInto(&s)
	return name, s, true
}

// SetManagedAuth records the settings of managed auth name, creating the
// auth resource in backend-config.json when the project has none. A project has one auth resource: another name is
// refused.
func (p *Project) SetManagedAuth(name string, s ManagedAuthSettings) error {
	if err := checkResourceName(name); err != nil {
		return exit.UsageErrorf("choose another --name", "add auth %s: %v", name, err)
	}
	if other := p.otherAuth(name); other != "" {
		return &exit.Error{Code: exit.Usage,
			Err: fmt.Errorf("add auth %s: %w: auth/%s", name, ErrAuthExists, other),
			Fix: "a project has one auth resource: change it with `ampgo update auth`, or unlink auth/" + other + " with `ampgo remove auth`"}
	}
	for _, l := range []*[]string{&s.SignIn, &s.MFATypes, &s.WebCallbackURLs, &s.WebSignoutURLs, &s.NativeCallbackURLs, &s.NativeSignoutURLs, &s.Social} {
		if *l == nil {
			*l = []string{}
		}
	}
	obj, err := jsonobj.FromValue(s)
	if err != nil {
		return fmt.Errorf("add auth %s: %w", name, err)
	}
	if !p.read(BackendConfigPath(BackendDir)).LookupObject(CategoryAuth).Has(name) {
		entry := BackendAuth{Service: "Cognito", ServiceType: ServiceTypeImported, ProviderPlugin: ProviderPlugin, DependsOn: []Dependency{}}
		if err := p.edit(BackendConfigPath(BackendDir)).PutIn([]string{CategoryAuth, name}, entry); err != nil {
			return fmt.Errorf("add auth %s: %w", name, err)
		}
	}
	p.replace(ManagedAuthPath(name), obj)
	delete(p.removeDirs, ResourceDir(BackendDir, CategoryAuth, name))
	return nil
}

// SetEnvManagedAuth makes env's auth managed with m (the auth resource
// must exist: SetManagedAuth). Ids recorded for env stay until the next
// push records the ones ampgo created.
func (p *Project) SetEnvManagedAuth(env string, m ManagedEnv) error {
	name, ok := p.authName()
	if !ok {
		return fmt.Errorf("record managed auth of environment %s: the project has no auth resource", env)
	}
	if err := p.checkEnv(env); err != nil {
		return err
	}
	return p.edit(TeamProviderInfoFile).PutIn([]string{env, "categories", CategoryAuth, name, managedKey}, m)
}

// RemovedManagedAuth returns the managed auth that env created and whose
// resource the project no longer has (`ampgo remove auth`): its entry in
// team-provider-info.json is kept, with the ids, until the env's next push
// deletes the auth stack (ForgetRemovedManagedAuth). The entry, not a
// local file, is what a push in any env or clone finds.
func (p *Project) RemovedManagedAuth(env string) (name string, ids EnvAuth, ok bool) {
	current, _ := p.authName()
	auth := p.read(TeamProviderInfoFile).LookupObject(env, "categories", CategoryAuth)
	for _, n := range auth.Keys() {
		if n == current || !auth.LookupObject(n).Has(managedKey) {
			continue
		}
		var e EnvAuth
		if found, _ := auth.Decode(n, &e); found && e.UserPoolID != "" {
			return n, e, true
		}
	}
	return "", ids, false
}

// ForgetRemovedManagedAuth deletes env's entry of removed managed auth
// name, once its stack is gone.
func (p *Project) ForgetRemovedManagedAuth(env, name string) error {
	return deleteFrom(p, TeamProviderInfoFile, env, "categories", CategoryAuth, name)
}

// authName is the project's auth resource, imported or managed.
func (p *Project) authName() (string, bool) {
	return p.importedAuthName(BackendDir)
}

// checkManaged checks the managed record of every auth entry of one
// environment's categories (at is its JSON path): an object whose
// allowUserPoolDeletion, when present, is a boolean.
func checkManaged(c checker, at string, cats *jsonobj.Object) error {
	return eachAuthValue(c, at, cats, managedKey, func(where string, raw json.RawMessage) error {
		return c.decode(where, raw, &ManagedEnv{})
	})
}

package project

import (
	"fmt"
	"path"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// fingerprintName is the file, next to an imported auth resource's
// parameters.json, that holds one fingerprint of the imported Cognito
// settings per environment.
//
// Decision: it is committed (it sits under amplify/backend), unlike
// amplify-meta.json and #current-cloud-backend. A fresh clone in CI then
// still knows what the last push recorded, so `ampgo status` reports drift
// there too. It holds no secret (ids, URLs, settings and trust policies
// only) and changes only when push, `auth refresh` or `auth update` record
// new settings, which is when the client config changes too.
const fingerprintName = "ampgo-fingerprint.json"

// FingerprintPath returns the fingerprint file of the imported auth
// resource name (a slash path relative to the root).
func FingerprintPath(name string) string {
	return path.Join(ResourceDir(BackendDir, CategoryAuth, name), fingerprintName)
}

// AuthFingerprint decodes the fingerprint recorded for auth resource name in
// env into v and reports whether there is one.
func (p *Project) AuthFingerprint(name, env string, v any) (bool, error) {
	obj, err := p.fingerprintFile(name)
	if err != nil {
		return false, err
	}
	found, err := obj.Decode(env, v)
	if err != nil {
		return found, fmt.Errorf("read %s: %w", FingerprintPath(name), err)
	}
	return found, nil
}

// SetAuthFingerprint records v as the fingerprint of auth resource name in
// env; other environments' fingerprints are kept. Written on Save.
func (p *Project) SetAuthFingerprint(name, env string, v any) error {
	if err := checkResourceName(name); err != nil {
		return fmt.Errorf("set fingerprint: %w", err)
	}
	if _, err := p.fingerprintFile(name); err != nil {
		return err
	}
	// Encoded in v's own key order.
	if err := p.edit(FingerprintPath(name)).Put(env, v); err != nil {
		return fmt.Errorf("encode fingerprint of auth %s: %w", name, err)
	}
	return nil
}

// fingerprintFile loads the fingerprint file on first use: Load reads only
// the files every command needs.
func (p *Project) fingerprintFile(name string) (*jsonobj.Object, error) {
	rel := FingerprintPath(name)
	if _, loaded := p.files[rel]; !loaded {
		if err := checkResourceName(name); err != nil {
			return nil, fmt.Errorf("read fingerprint: %w", err)
		}
		if _, err := p.loadFile(rel); err != nil {
			return nil, err
		}
	}
	return p.read(rel), nil
}

// SyncCloudAuth copies what is recorded for the auth resource name
// (its amplify-meta.json and backend-config.json entries and its
// parameters.json) to #current-cloud-backend, as a push does, without
// touching any other resource's pending changes. `ampgo auth refresh` and
// `auth update` use it when they re-record an auth resource that was
// already pushed. Written on Save.
func (p *Project) SyncCloudAuth(name string) error {
	for _, rel := range []string{MetaPath(BackendDir), BackendConfigPath(BackendDir)} {
		raw, ok := p.read(rel).Lookup(CategoryAuth, name)
		if !ok {
			continue
		}
		if err := p.edit(cloudPath(rel)).SetIn([]string{CategoryAuth, name}, raw); err != nil {
			return fmt.Errorf("sync %s auth %s: %w", cloudPath(rel), name, err)
		}
	}
	if rel := ParametersPath(BackendDir, CategoryAuth, name); p.exists(rel) {
		p.replace(cloudPath(rel), p.read(rel).Clone())
		delete(p.removeDirs, ResourceDir(CurrentCloudBackendDir, CategoryAuth, name))
	}
	return nil
}

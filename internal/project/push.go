package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// Operations shown by Status. Imported resources are never created, updated
// or deleted, only imported and unlinked (reference §4.1).
const (
	OpImport   = "Import"
	OpUnlink   = "Unlink"
	OpNoChange = "No Change"
	OpCreate   = "Create"
	OpUpdate   = "Update"
	OpDelete   = "Delete"
)

// TimestampFormat is lastPushTimeStamp's format: RFC 3339 in UTC with
// milliseconds, as JavaScript's Date.toISOString() writes it.
const TimestampFormat = "2006-01-02T15:04:05.000Z"

// ResourceStatus is one row of `ampgo status`.
type ResourceStatus struct {
	Category       string `json:"category"`
	ResourceName   string `json:"resourceName"`
	Operation      string `json:"operation"`
	ProviderPlugin string `json:"providerPlugin"`
}

// CurrentCloudAuth returns the imported auth resource as the last push left
// it in #current-cloud-backend. There is no team-provider-info.json copy
// there, so Env is derived from the pushed outputs (as `amplify pull` does,
// reference §4.3): pool, client and identity pool ids and names.
func (p *Project) CurrentCloudAuth() (*ImportedAuth, bool) {
	name, ok := p.importedAuthName(CurrentCloudBackendDir)
	if !ok {
		return nil, false
	}
	a := &ImportedAuth{Name: name}
	_, _ = p.read(BackendConfigPath(CurrentCloudBackendDir)).LookupObject(CategoryAuth).Decode(name, &a.Backend)
	_ = p.read(ParametersPath(CurrentCloudBackendDir, CategoryAuth, name)).DecodeInto(&a.Parameters)
	_, _ = p.read(MetaPath(CurrentCloudBackendDir)).LookupObject(CategoryAuth).Decode(name, &a.Meta)
	out := a.Meta.Output
	a.Env = EnvAuth{UserPoolID: out.UserPoolID, UserPoolName: out.UserPoolName,
		WebClientID: out.AppClientIDWeb, NativeClientID: out.AppClientID,
		IdentityPoolID: out.IdentityPoolID, IdentityPoolName: out.IdentityPoolName}
	return a, true
}

// MarkPushed records a completed push: it sets lastPushTimeStamp (now, see
// TimestampFormat) on every imported resource in amplify-meta.json, then
// copies amplify-meta.json, backend-config.json and each auth resource's
// parameters.json to #current-cloud-backend, and removes auth folders there
// that are no longer in the backend. Nothing is written until Save.
func (p *Project) MarkPushed(now time.Time) error {
	stamp := now.UTC().Format(TimestampFormat)
	metaRel := MetaPath(BackendDir)
	if p.exists(metaRel) {
		if err := stampImported(p.edit(metaRel), stamp); err != nil {
			return fmt.Errorf("mark pushed: %w", err)
		}
	}
	for _, rel := range []string{metaRel, BackendConfigPath(BackendDir)} {
		if p.exists(rel) {
			p.replace(cloudPath(rel), p.read(rel).Clone())
		}
	}
	auth := p.read(BackendConfigPath(BackendDir)).LookupObject(CategoryAuth)
	for _, name := range auth.Keys() {
		if rel := ParametersPath(BackendDir, CategoryAuth, name); p.exists(rel) {
			p.replace(cloudPath(rel), p.read(rel).Clone())
			delete(p.removeDirs, ResourceDir(CurrentCloudBackendDir, CategoryAuth, name))
		}
		// The managed settings as deployed, which status compares with.
		if _, managed := p.EnvManagedAuth(p.CurrentEnv()); managed && p.exists(ManagedAuthPath(name)) {
			p.replace(cloudPath(ManagedAuthPath(name)), p.read(ManagedAuthPath(name)).Clone())
		} else {
			delete(p.files, cloudPath(ManagedAuthPath(name)))
		}
	}
	stale, err := p.cloudAuthDirs()
	if err != nil {
		return fmt.Errorf("mark pushed: %w", err)
	}
	for _, name := range stale {
		if !auth.Has(name) {
			delete(p.files, ParametersPath(CurrentCloudBackendDir, CategoryAuth, name))
			p.removeDirs[ResourceDir(CurrentCloudBackendDir, CategoryAuth, name)] = true
		}
	}
	return nil
}

// stampImported sets lastPushTimeStamp on each imported resource of meta.
func stampImported(meta *jsonobj.Object, stamp string) error {
	return eachMetaResource(meta, func(cat, name string, h resourceHead) error {
		if h.ServiceType != ServiceTypeImported {
			return nil
		}
		return meta.SetIn([]string{cat, name, "lastPushTimeStamp"}, stamp)
	})
}

// eachMetaResource calls fn for every resource of every category of an
// amplify-meta.json object, skipping the providers block and entries that
// are not resource objects.
func eachMetaResource(meta *jsonobj.Object, fn func(cat, name string, h resourceHead) error) error {
	for _, cat := range meta.Keys() {
		if cat == providersKey {
			continue
		}
		resources, err := meta.Child(cat)
		if err != nil {
			continue // not a category object
		}
		for _, name := range resources.Keys() {
			var h resourceHead
			if _, err := resources.Decode(name, &h); err != nil {
				continue
			}
			if err := fn(cat, name, h); err != nil {
				return err
			}
		}
	}
	return nil
}

// cloudPath maps a path under BackendDir to the same path under
// CurrentCloudBackendDir.
func cloudPath(rel string) string {
	return CurrentCloudBackendDir + rel[len(BackendDir):]
}

// cloudAuthDirs lists the auth resource folders in #current-cloud-backend:
// those on disk and those of parameters files not saved yet.
func (p *Project) cloudAuthDirs() ([]string, error) {
	seen := map[string]bool{}
	dir := CurrentCloudBackendDir + "/" + CategoryAuth
	abs, err := p.SafePath(dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(abs)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() && checkResourceName(e.Name()) == nil {
			seen[e.Name()] = true
		}
	}
	for rel := range p.files {
		if name, ok := strings.CutPrefix(rel, dir+"/"); ok {
			seen[path.Dir(name)] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// Status compares amplify-meta.json with its #current-cloud-backend copy.
// Imported resources are Import (local only), Unlink (cloud only) or No
// Change. Other resources are Create, Delete, or Update when their
// backend-config.json entry changed; changes inside a resource's templates
// are the deploy package's to find. Rows are sorted by category and name.
func (p *Project) Status() []ResourceStatus {
	local, cloud := p.read(MetaPath(BackendDir)), p.read(MetaPath(CurrentCloudBackendDir))
	bcLocal := p.read(BackendConfigPath(BackendDir))
	bcCloud := p.read(BackendConfigPath(CurrentCloudBackendDir))
	var rows []ResourceStatus
	for _, cat := range categories(local, cloud) {
		l, c := local.LookupObject(cat), cloud.LookupObject(cat)
		for _, name := range union(l.Keys(), c.Keys()) {
			var h resourceHead
			inLocal, _ := l.Decode(name, &h)
			if !inLocal {
				_, _ = c.Decode(name, &h)
			}
			op := operation(inLocal, c.Has(name), h.ServiceType == ServiceTypeImported)
			if op == OpNoChange && h.ServiceType != ServiceTypeImported {
				lb, _ := bcLocal.Lookup(cat, name)
				cb, _ := bcCloud.Lookup(cat, name)
				if !sameJSON(lb, cb) {
					op = OpUpdate
				}
			}
			plugin := h.ProviderPlugin
			if plugin == "" {
				plugin = ProviderPlugin
			}
			if cat == CategoryAuth && op == OpNoChange && p.managedChanged(name) {
				op = OpUpdate
			}
			rows = append(rows, ResourceStatus{Category: cat, ResourceName: name, Operation: op, ProviderPlugin: plugin})
		}
	}
	// Managed auth not pushed yet in this environment has no
	// amplify-meta.json entry: push creates it.
	if name, _, ok := p.ManagedAuth(); ok && !local.LookupObject(CategoryAuth).Has(name) {
		if _, managed := p.EnvManagedAuth(p.CurrentEnv()); managed {
			rows = append(rows, ResourceStatus{Category: CategoryAuth, ResourceName: name, Operation: OpCreate, ProviderPlugin: ProviderPlugin})
		}
	}
	return rows
}

// managedChanged reports whether auth name is managed in the current
// environment and its settings differ from the ones last pushed.
func (p *Project) managedChanged(name string) bool {
	if _, managed := p.EnvManagedAuth(p.CurrentEnv()); !managed || !p.exists(ManagedAuthPath(name)) {
		return false
	}
	rel := ManagedAuthPath(name)
	if !p.exists(cloudPath(rel)) {
		return true
	}
	a, errA := jsonobj.Compact(p.read(rel))
	b, errB := jsonobj.Compact(p.read(cloudPath(rel)))
	return errA != nil || errB != nil || !bytes.Equal(a, b)
}

func operation(inLocal, inCloud, imported bool) string {
	switch {
	case inLocal && !inCloud && imported:
		return OpImport
	case inLocal && !inCloud:
		return OpCreate
	case !inLocal && imported:
		return OpUnlink
	case !inLocal:
		return OpDelete
	}
	return OpNoChange
}

// sameJSON reports whether two raw values are equal apart from whitespace.
func sameJSON(a, b []byte) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// categories returns the sorted category keys of both metas.
func categories(a, b *jsonobj.Object) []string {
	var cats []string
	for _, c := range union(a.Keys(), b.Keys()) {
		if c != providersKey {
			cats = append(cats, c)
		}
	}
	return cats
}

// union returns the sorted union of two key lists.
func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range append(append([]string(nil), a...), b...) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

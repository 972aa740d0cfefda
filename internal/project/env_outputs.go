package project

import "fmt"

// deployedKeys are the amplify-meta.json keys of a resource that describe
// one environment's deployment (its stack outputs and push time).
var deployedKeys = []string{"output", "lastPushTimeStamp"}

// clearDeployedOutputs drops the deployed outputs of every resource that is
// not imported (storage buckets, function ARNs…) from amplify-meta.json.
// Checkout calls it when it switches to another environment: those outputs
// belong to the previous environment's stack, and the client config of the
// new one must never name another environment's bucket. The next push of
// the environment records its own outputs. Imported auth is re-recorded
// for the new environment by its caller (SetImportedAuth).
func (p *Project) clearDeployedOutputs() error {
	rel := MetaPath(BackendDir)
	if !p.exists(rel) {
		return nil
	}
	meta := p.edit(rel)
	return eachMetaResource(meta, func(cat, name string, h resourceHead) error {
		if h.ServiceType == ServiceTypeImported {
			return nil
		}
		for _, k := range deployedKeys {
			if _, err := meta.DeleteIn([]string{cat, name, k}); err != nil {
				return fmt.Errorf("clear outputs of %s/%s: %w", cat, name, err)
			}
		}
		return nil
	})
}

// ClearOutput drops the deployed outputs and push time of one resource
// from amplify-meta.json: its environment's stack does not have them
// (issue 11: the deployed state is read, not remembered). Nothing is
// edited when none is recorded.
func (p *Project) ClearOutput(category, name string) error {
	rel := MetaPath(BackendDir)
	if !p.exists(rel) {
		return nil
	}
	found := false
	for _, k := range deployedKeys {
		if _, ok := p.read(rel).Lookup(category, name, k); ok {
			found = true
		}
	}
	if !found {
		return nil
	}
	meta := p.edit(rel)
	for _, k := range deployedKeys {
		if _, err := meta.DeleteIn([]string{category, name, k}); err != nil {
			return fmt.Errorf("clear outputs of %s/%s: %w", category, name, err)
		}
	}
	return nil
}

package project

// EnvImportedAuth returns the imported auth resource's recorded values for
// env (team-provider-info.json <env>.categories.auth.<name>), whether or not
// env is the current environment. ok is false when the project has no
// imported auth or env has no entry for it.
func (p *Project) EnvImportedAuth(env string) (name string, ids EnvAuth, ok bool) {
	name, found := p.importedAuthName(BackendDir)
	if !found || !p.read(TeamProviderInfoFile).Has(env) {
		return name, ids, false
	}
	tpiAuth := p.read(TeamProviderInfoFile).LookupObject(env, "categories", CategoryAuth)
	// Load has decoded every entry once (check), so an error cannot happen.
	found, _ = tpiAuth.Decode(name, &ids)
	return name, ids, found && ids.UserPoolID != ""
}

package project

// ConfigWriter renders the client config of p's current state and stages
// the files in p's next Save (StageFile), returning their paths. The
// commands pass clientconfig.Stage; deploy, drift and envs take it as their
// argument after the reader, so they record what the config is rendered
// from without importing the renderer, and tests pass their own.
type ConfigWriter func(p *Project) ([]string, error)

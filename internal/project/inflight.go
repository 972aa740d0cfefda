package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/ampgo/ampgo/internal/exit"
)

// InflightFile records a deploy whose first AWS write was sent and whose
// outcome the project does not record yet (not committed). It is written
// on its own, outside Save, so that it survives a kill -9 between the
// request and the final save; the next status or push reads the stack's
// real state because of it (issue 10).
const InflightFile = "amplify/.config/ampgo-deploy-inflight.json"

// maxInflightSize caps what is read of InflightFile: the record is a few
// hundred bytes.
const maxInflightSize = 64 << 10

// InflightDeploy is the content of InflightFile.
type InflightDeploy struct {
	Env    string `json:"env"`
	Stack  string `json:"stack"`
	Region string `json:"region"`
	// Operation is the last AWS write sent: CreateStack, UpdateStack,
	// DeleteStack, PutObject or DeleteObjects.
	Operation string    `json:"operation"`
	StartedAt time.Time `json:"startedAt"`
	// ClientToken is the ClientRequestToken of the last stack write ("" for
	// S3 writes and deletes): the stack events of that operation carry it.
	ClientToken string `json:"clientToken"`
}

// Only exported names of this package are used here (besides the file's own),
// so it stays apart from the load and commit code.

// inflightOps are the operations a record may name.
var inflightOps = map[string]bool{"CreateStack": true, "UpdateStack": true, "DeleteStack": true, "PutObject": true, "DeleteObjects": true}

// stackNameRE is CloudFormation's rule for stack names.
var stackNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{0,127}$`) })

// validate checks a record read from disk like input typed by a user.
func (d *InflightDeploy) validate() error {
	switch {
	case !ValidEnvName(d.Env):
		return fmt.Errorf("env: invalid environment name %q", d.Env)
	case !stackNameRE().MatchString(d.Stack):
		return fmt.Errorf("stack: invalid stack name %q", d.Stack)
	case ValidateRegion(d.Region) != nil:
		return fmt.Errorf("region: invalid region %q", d.Region)
	case !inflightOps[d.Operation]:
		return fmt.Errorf("operation: unknown operation %q", d.Operation)
	case d.StartedAt.IsZero():
		return errors.New("startedAt: missing")
	}
	return nil
}

// RecordInflight writes d to InflightFile at once (atomically, not as part
// of Save): call it before each AWS write of a deploy.
func (p *Project) RecordInflight(d InflightDeploy) error {
	if err := d.validate(); err != nil {
		return fmt.Errorf("record deploy in flight: %w", err)
	}
	b, err := render(d)
	if err != nil {
		return fmt.Errorf("encode %s: %w", InflightFile, err)
	}
	path, err := p.SafePath(InflightFile)
	if err != nil {
		return fmt.Errorf("record deploy in flight: %w", err)
	}
	if err := WriteFileAtomic(path, b, 0o644); err != nil {
		return fmt.Errorf("record deploy in flight: %w", err)
	}
	return nil
}

// Inflight returns the recorded deploy in flight, or nil when there is
// none. A record that is not a regular file, too large, or not exactly the
// expected shape is an error naming the file and the fix.
func (p *Project) Inflight() (*InflightDeploy, error) {
	path, err := p.SafePath(InflightFile)
	if err != nil {
		return nil, err
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", InflightFile, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, inflightError(errors.New("not a regular file"))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", InflightFile, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxInflightSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", InflightFile, err)
	}
	if len(b) > maxInflightSize {
		return nil, inflightError(fmt.Errorf("larger than %d bytes", maxInflightSize))
	}
	if !bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
		return nil, inflightError(errors.New("not a JSON object"))
	}
	var d InflightDeploy
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, inflightError(err)
	}
	if dec.More() {
		return nil, inflightError(errors.New("trailing data after the JSON object"))
	}
	if err := d.validate(); err != nil {
		return nil, inflightError(err)
	}
	return &d, nil
}

// inflightError is a damaged record: it holds nothing the stack cannot tell
// again, so the fix is to look at the stack and delete the file.
func inflightError(err error) error {
	return &exit.Error{Code: exit.Failure, Err: fmt.Errorf("read %s: %w", InflightFile, err),
		Fix: "check the environment's stack (`aws cloudformation describe-stacks --stack-name amplify-<project>-<env>`), " +
			"then delete " + filepath.FromSlash(InflightFile) + " and run `ampgo push`"}
}

// ClearInflight removes InflightFile (nothing to do when it is absent):
// call it once the outcome of the deploy is recorded.
func (p *Project) ClearInflight() error {
	path, err := p.SafePath(InflightFile)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", InflightFile, err)
	}
	// Make the removal durable; a folder that cannot be synced is no error.
	if dir, err := os.Open(filepath.Dir(path)); err == nil {
		_ = dir.Sync()
		_ = dir.Close()
	}
	return nil
}

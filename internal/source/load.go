package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/ampgo/ampgo/internal/exit"
)

// MaxFileSize caps a state or outputs file: a large Terraform state is a
// few megabytes, and a mistake (or /dev/zero) must fail fast instead of
// filling memory.
const MaxFileSize = 64 << 20

// Load reads the source spec names: a stack through stacks (called only
// for a stack source), a file at the path as the user gave it, or stdin.
// The file's bytes are zeroed once parsed: a state's secrets do not
// outlive the parse.
func Load(ctx context.Context, spec Spec, stdin io.Reader, stacks func() (StackAPI, error)) (*Found, error) {
	if spec.Kind == KindCloudFormation {
		api, err := stacks()
		if err != nil {
			return nil, err
		}
		return ReadStack(ctx, api, spec.Stack)
	}
	data, err := readFile(spec, stdin)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	parse := ParseTerraform
	if spec.Kind == KindOutputs {
		parse = ParseOutputs
	}
	f, err := parse(data)
	if err != nil {
		return nil, exit.UsageErrorf(fixFor(spec), "read %s: %v", spec, err)
	}
	f.Source = spec
	return f, nil
}

func fixFor(spec Spec) string {
	if spec.Kind == KindTerraform {
		return "pass a terraform.tfstate (format version 4) or the output of `terraform show -json`"
	}
	return "pass an amplify_outputs.json written by Amplify Gen 2 (`npx ampx generate outputs`)"
}

// readFile reads a source file of at most MaxFileSize bytes: a regular
// file (or stdin for "-"), checked before and while reading.
func readFile(spec Spec, stdin io.Reader) ([]byte, error) {
	tooBig := exit.UsageErrorf(fixFor(spec), "read %s: larger than the %d MiB ampgo reads", spec, MaxFileSize>>20)
	var r io.Reader = stdin
	if spec.File != Stdin {
		f, err := os.Open(spec.File)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, exit.UsageErrorf("check the path (relative paths are relative to the current folder)", "read %s: no such file", spec)
			}
			return nil, exit.UsageErrorf(fixFor(spec), "read %s: %v", spec, unwrapPath(err))
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", spec, err)
		}
		if !fi.Mode().IsRegular() {
			return nil, exit.UsageErrorf(fixFor(spec), "read %s: not a regular file", spec)
		}
		if fi.Size() > MaxFileSize {
			return nil, tooBig
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", spec, err)
	}
	if len(data) > MaxFileSize {
		clear(data)
		return nil, tooBig
	}
	return data, nil
}

// unwrapPath drops the path *fs.PathError repeats (the message names it).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

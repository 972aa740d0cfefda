// Package source reads the ids of existing Cognito resources from where a
// platform team manages them (issue 15): a CloudFormation stack (so CDK,
// SAM and Amplify Gen 2 stacks too), a Terraform state (format version 4,
// or `terraform show -json`), or another app's amplify_outputs.json. The
// parsers are pure; the stack reader takes one narrow CloudFormation
// interface. Every AWS call is a read.
//
// A Terraform state holds app client secrets in clear text
// (aws_cognito_user_pool_client.client_secret, reference
// managed-auth-and-sources.md §4.1-4.3). They are dropped at parse time:
// the attribute is decoded into a type that keeps only whether it was
// non-empty, so no secret is ever held in a result, an error, a log line
// or a project file.
package source

import (
	"path/filepath"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// Kinds of source, as recorded in team-provider-info.json.
const (
	KindCloudFormation = project.SourceCloudFormation
	KindTerraform      = project.SourceTerraform
	KindOutputs        = project.SourceOutputs
)

// Stdin is the file name that means standard input.
const Stdin = "-"

// Spec names one source: a stack, or a file (Stdin for standard input).
type Spec struct {
	Kind  string
	Stack string
	File  string
}

// String names the source for messages: "cloudformation stack auth-prod".
func (s Spec) String() string {
	switch s.Kind {
	case KindCloudFormation:
		return "cloudformation stack " + s.Stack
	case KindTerraform:
		if s.File == Stdin {
			return "terraform state on stdin"
		}
		return "terraform state " + s.File
	}
	if s.File == Stdin {
		return "outputs file on stdin"
	}
	return "outputs file " + s.File
}

// Flags are the three --from-* flags; at most one may be given.
type Flags struct {
	Stack          string
	TerraformState string
	Outputs        string
}

// FlagNames are the flags, for conflict messages.
var FlagNames = []string{"--from-stack", "--from-terraform-state", "--from-outputs"}

// Spec returns the source the flags name, nil when none. Two at once is a
// usage error (exit 2): ampgo would have to pick one silently.
func (f Flags) Spec() (*Spec, error) {
	var specs []Spec
	if f.Stack != "" {
		specs = append(specs, Spec{Kind: KindCloudFormation, Stack: f.Stack})
	}
	if f.TerraformState != "" {
		specs = append(specs, Spec{Kind: KindTerraform, File: f.TerraformState})
	}
	if f.Outputs != "" {
		specs = append(specs, Spec{Kind: KindOutputs, File: f.Outputs})
	}
	switch len(specs) {
	case 0:
		return nil, nil
	case 1:
		if err := CheckSpec(specs[0]); err != nil {
			return nil, exit.UsageErrorf("pass a stack name or ARN, or a file path ('-' for stdin)", "%v", err)
		}
		return &specs[0], nil
	}
	return nil, exit.UsageErrorf("pass one of "+strings.Join(FlagNames, ", "),
		"%s exclude each other: the ids come from one source", strings.Join(FlagNames, ", "))
}

// CheckSpec checks a source's shape (project.CheckAuthSource: the same
// rules strict project loading applies to the recorded source).
func CheckSpec(s Spec) error { return project.CheckAuthSource(s.Record()) }

// Record is the spec as team-provider-info.json records it.
func (s Spec) Record() project.AuthSource {
	return project.AuthSource{Kind: s.Kind, Stack: s.Stack, File: s.File}
}

// FromRecord is the spec of a recorded source.
func FromRecord(a project.AuthSource) Spec { return Spec{Kind: a.Kind, Stack: a.Stack, File: a.File} }

// Recordable returns the spec to record for a project at root: a file
// inside the project is stored relative to the root (slash separated, so
// the committed value is the same on every machine), one outside as
// given, made absolute. Stdin cannot be read again: ok is false.
func (s Spec) Recordable(root string) (rec Spec, ok bool) {
	if s.Kind == KindCloudFormation {
		return s, true
	}
	if s.File == Stdin {
		return s, false
	}
	abs, err := filepath.Abs(s.File)
	if err != nil {
		return s, true
	}
	if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		s.File = filepath.ToSlash(rel)
		return s, true
	}
	s.File = abs
	return s, true
}

// Resolved returns the path to read a recorded file source at: relative
// paths are relative to the project root.
func (s Spec) Resolved(root string) Spec {
	if s.Kind != KindCloudFormation && s.File != Stdin && !filepath.IsAbs(s.File) {
		s.File = filepath.Join(root, filepath.FromSlash(s.File))
	}
	return s
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

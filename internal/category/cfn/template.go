// Package cfn is the typed model of the CloudFormation templates ampgo
// generates: a template, its resources and outputs, the intrinsic functions
// ampgo uses, and IAM policy documents. Templates are built from these
// structs and encoded with encoding/json (map keys sorted), so the same
// project always gives the same bytes: that is how "no changes" is found
// and what the golden files pin down.
package cfn

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// FormatVersion is the only AWSTemplateFormatVersion there is.
const FormatVersion = "2010-09-09"

// Template is a CloudFormation template.
type Template struct {
	AWSTemplateFormatVersion string               `json:"AWSTemplateFormatVersion"`
	Description              string               `json:"Description,omitempty"`
	Parameters               map[string]Parameter `json:"Parameters,omitempty"`
	Resources                map[string]Resource  `json:"Resources"`
	Outputs                  map[string]Output    `json:"Outputs,omitempty"`
}

// New returns an empty template with a description.
func New(description string) *Template {
	return &Template{AWSTemplateFormatVersion: FormatVersion, Description: description,
		Resources: map[string]Resource{}, Outputs: map[string]Output{}}
}

// Resource is one entry of Resources. Properties holds one of the typed
// property structs of this package (Bucket, Policy, Role, Function).
type Resource struct {
	Type                string   `json:"Type"`
	DependsOn           []string `json:"DependsOn,omitempty"`
	DeletionPolicy      string   `json:"DeletionPolicy,omitempty"`
	UpdateReplacePolicy string   `json:"UpdateReplacePolicy,omitempty"`
	Properties          any      `json:"Properties"`
}

// Output is one entry of Outputs.
type Output struct {
	Description string `json:"Description,omitempty"`
	Value       any    `json:"Value"`
}

// Ref is {"Ref": name}.
type Ref struct {
	Ref string `json:"Ref"`
}

// GetAtt is {"Fn::GetAtt": [resource, attribute]}.
type GetAtt struct {
	GetAtt [2]string `json:"Fn::GetAtt"`
}

// Sub is {"Fn::Sub": text}.
type Sub struct {
	Sub string `json:"Fn::Sub"`
}

// RefTo returns a Ref to a resource or parameter.
func RefTo(logicalID string) Ref { return Ref{Ref: logicalID} }

// AttOf returns a GetAtt of a resource's attribute.
func AttOf(logicalID, attribute string) GetAtt {
	return GetAtt{GetAtt: [2]string{logicalID, attribute}}
}

// Add puts a resource in the template; a logical id used twice is a bug in
// the caller, reported as an error rather than silently overwritten.
func (t *Template) Add(logicalID string, r Resource) error {
	if _, dup := t.Resources[logicalID]; dup {
		return fmt.Errorf("add resource %s: logical id already used", logicalID)
	}
	t.Resources[logicalID] = r
	return nil
}

// Parameter declares a template parameter (see Parameter: only values
// given at push time, never written in a template or a project file).
func (t *Template) Parameter(name string, p Parameter) {
	if t.Parameters == nil {
		t.Parameters = map[string]Parameter{}
	}
	t.Parameters[name] = p
}

// Output sets an output.
func (t *Template) Output(key string, o Output) { t.Outputs[key] = o }

// JSON is the indented form of the template, for people and golden files.
func (t *Template) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("encode template: %w", err)
	}
	return b.Bytes(), nil
}

// Body is the compact form sent to CloudFormation: TemplateBody is limited
// to 51,200 bytes, and indentation would spend half of that on spaces.
func (t *Template) Body() (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(t); err != nil {
		return "", fmt.Errorf("encode template: %w", err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// MaxBodySize is CloudFormation's limit for an inline TemplateBody.
const MaxBodySize = 51200

// MaxURLBodySize is CloudFormation's limit for a template read from S3
// (TemplateURL): 1 MB.
const MaxURLBodySize = 1_000_000

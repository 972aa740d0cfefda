package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoSchemaSerdeAtStart keeps the CloudFormation and IAM clients below
// the releases that build their serde schemas in package init: 1.3 MB of
// heap and ~12 ms before main on every command, for no change a user sees
// (docs/benchmarks.md, "Start-up"). Raising them past the held versions in
// go.mod fails here, so it is a decision, not an accident.
func TestNoSchemaSerdeAtStart(t *testing.T) {
	parallel(t)
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, svc := range []string{"cloudformation", "iam"} {
			if pkg == "github.com/aws/aws-sdk-go-v2/service/"+svc+"/schemas" {
				t.Errorf("ampgo links %s: its package init builds every shape's schema at each start; hold service/%s at the version go.mod names", pkg, svc)
			}
		}
	}
}

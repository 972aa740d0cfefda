package doctor

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaPath is the documented schema of the JSON report.
const schemaPath = "../../docs/doctor-schema.json"

// TestReportMatchesSchema validates reports of the fake region, one clean
// and one with denied reads, against docs/doctor-schema.json.
func TestReportMatchesSchema(t *testing.T) {
	sch, err := jsonschema.NewCompiler().Compile(schemaPath)
	if err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	fake, endpoint := newFakeAWS(t, 12, 4, nil)
	clean := diagnose(t, productConfig(t, endpoint))
	fake.deny["GetIdentityPoolRoles"], fake.deny["DescribeUserPool"] = true, true
	denied := diagnose(t, productConfig(t, endpoint))
	for name, rep := range map[string]*Report{"clean": clean, "denied": denied} {
		b, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s report does not match %s: %v\n%s", name, schemaPath, err, b)
		}
	}
	bad, _ := json.Marshal(clean)
	bad = bytes.Replace(bad, []byte(`"role":"web"`), []byte(`"role":"admin"`), 1)
	if inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad)); err != nil || sch.Validate(inst) == nil {
		t.Errorf("the schema accepts an unknown client role (or the report has no web client): %v", err)
	}
	if denied.MissingPolicy == nil || denied.Summary.NotChecked != 12 {
		t.Errorf("denied run: policy %v, summary %+v", denied.MissingPolicy, denied.Summary)
	}
}

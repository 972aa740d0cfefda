package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ampgo/ampgo/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// doctorRegion is the region of TestDoctor's pools.
const doctorRegion = "eu-west-3"

// doctorRegionSetups seeds every variant of testenv in doctorRegion with
// suffixes <run>v01, <run>v02, … so that pools sort the same way every run.
// The replacer also writes the test's account as moto's default one, which
// the golden names.
func doctorRegionSetups(t *testing.T) ([]*testenv.Setup, *strings.Replacer) {
	t.Helper()
	b := make([]byte, 2)
	_, _ = rand.Read(b)
	run := "q" + hex.EncodeToString(b)
	var setups []*testenv.Setup
	var pairs []string
	for i, v := range testenv.Variants() {
		v.Options.Suffix = fmt.Sprintf("%sv%02d", run, i+1)
		s, err := testenv.Seed(context.Background(), awsConfig(t, doctorRegion), v.Options)
		if err != nil {
			t.Fatalf("seed %s: %v", v.Name, err)
		}
		setups = append(setups, s)
		n := fmt.Sprintf("v%02d", i+1)
		for id, name := range map[string]string{s.UserPoolID: "pool", s.WebClientID: "web", s.NativeClientID: "native",
			s.IdentityPoolID: "ip", s.OtherUserPoolID: "other-pool", s.OtherClientID: "other-web", s.OtherIdentityPoolID: "other-ip"} {
			if id != "" {
				pairs = append(pairs, id, "<"+name+"-"+n+">")
			}
		}
	}
	return setups, strings.NewReplacer(append(pairs, run, "RUN", account(t).ID, testenv.DefaultAccount)...)
}

// TestDoctor: a region with eligible, ineligible and half-broken pools
// (one pool the caller may not describe) gives the expected report, as
// JSON (golden, schema-valid) and text, with read calls only, at most
// --concurrency calls in flight, and nothing in AWS changed.
func TestDoctor(t *testing.T) {
	parallel(t)
	setups, norm := doctorRegionSetups(t)
	hidden := setups[1].UserPoolID // the user-pool-only pool: DescribeUserPool denied
	proxy := newReadProxy(t, func(op string, body []byte) bool {
		return op == "DescribeUserPool" && bytes.Contains(body, []byte(hidden))
	})
	env := ampgoEnv(t, proxy.srv.URL)
	dir := t.TempDir()
	before := snapshotRegion(t, doctorRegion)

	start := time.Now()
	r := mustRun(t, dir, env, "doctor", "auth", "--region", doctorRegion, "--output", "json")
	elapsed := time.Since(start)
	ops, peak := proxy.take()
	t.Logf("doctor over %d user pools: %d AWS calls %v, peak %d in flight, %s", len(setups)+1, total(ops), ops, peak, elapsed.Round(time.Millisecond))
	assertReadOnly(t, "doctor", ops)
	validateDoctorJSON(t, []byte(r.stdout))
	compareDoctorGolden(t, norm.Replace(r.stdout), ops)

	text := mustRun(t, dir, env, "doctor", "auth", "--region", doctorRegion)
	checkDoctorText(t, setups, text.stdout)
	checkConcurrency(t, dir)
	if diff := cmp.Diff(before, snapshotRegion(t, doctorRegion)); diff != "" {
		t.Errorf("doctor changed AWS resources (-before +after):\n%s", diff)
	}
}

// checkConcurrency runs doctor with --concurrency 2 behind a proxy that
// denies nothing (a denied read cancels its siblings, and a cancelled
// call may still be at the proxy when ampgo starts the next one) and
// wants at most 2 requests in flight.
func checkConcurrency(t *testing.T, dir string) {
	t.Helper()
	proxy := newReadProxy(t, nil)
	mustRun(t, dir, ampgoEnv(t, proxy.srv.URL), "doctor", "auth", "--region", doctorRegion, "--concurrency", "2")
	if ops, peak := proxy.take(); peak > 2 || total(ops) < 100 {
		t.Errorf("--concurrency 2: %d calls, peak %d in flight", total(ops), peak)
	}
}

// TestDoctorOnePool: --user-pool-id reads one pool and lists no pools; an
// unknown id is exit 3.
func TestDoctorOnePool(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	proxy := newReadProxy(t, nil)
	env := ampgoEnv(t, proxy.srv.URL)
	r := mustRun(t, t.TempDir(), env, "doctor", "auth", "--user-pool-id", s.UserPoolID, "--output", "json")
	ops, _ := proxy.take()
	if ops["ListUserPools"] != 0 || ops["DescribeUserPool"] != 1 {
		t.Errorf("focused doctor calls: %v", ops)
	}
	validateDoctorJSON(t, []byte(r.stdout))
	var rep struct {
		UserPoolID string `json:"userPoolId"`
		UserPools  []struct {
			ID       string `json:"id"`
			Eligible struct{ UserPoolAndIdentityPool bool }
		} `json:"userPools"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.UserPoolID != s.UserPoolID || len(rep.UserPools) != 1 || !rep.UserPools[0].Eligible.UserPoolAndIdentityPool {
		t.Errorf("report: %+v", rep)
	}
	bad := runAmpgo(t, t.TempDir(), env, "", "doctor", "auth", "--user-pool-id", "us-east-1_nosuchpool")
	if bad.code != 3 || !strings.Contains(bad.stderr, "does not exist") {
		t.Errorf("unknown pool: want exit 3, got %d:\n%s", bad.code, bad.stderr)
	}
	noCreds := runAmpgo(t, t.TempDir(), append(env, "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY="), "", "doctor", "auth")
	if noCreds.code != 4 || !strings.Contains(noCreds.stderr, "Fix:") || noCreds.stdout != "" {
		t.Errorf("no credentials: want exit 4 with a fix and no report, got %d:\n%s%s", noCreds.code, noCreds.stdout, noCreds.stderr)
	}
}

func snapshotRegion(t *testing.T, region string) string {
	t.Helper()
	st, err := testenv.Snapshot(context.Background(), awsConfig(t, region), region)
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return st.JSON()
}

// validateDoctorJSON validates a report against docs/doctor-schema.json.
func validateDoctorJSON(t *testing.T, out []byte) {
	t.Helper()
	const schema = "../../docs/doctor-schema.json"
	sch, err := jsonschema.NewCompiler().Compile(schema)
	if err != nil {
		t.Fatalf("compile %s: %v", schema, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("doctor output is not JSON: %v\n%s", err, out)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("doctor output does not match %s: %v", schema, err)
	}
}

// compareDoctorGolden compares the normalized report with
// testdata/doctor.golden.json, as parsed JSON. Call counts are checked
// against the proxy instead (they follow the Reader's caching, not the
// findings), and the texts of each finding (need, fix, detail) are left
// out: they belong to the rules, whose own tests check them, and the
// schema test checks they are there.
func compareDoctorGolden(t *testing.T, out string, ops map[string]int) {
	t.Helper()
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, p := range got["userPools"].([]any) {
		for _, f := range p.(map[string]any)["findings"].([]any) {
			for _, k := range []string{"need", "fix", "detail"} {
				delete(f.(map[string]any), k)
			}
		}
	}
	summary := got["summary"].(map[string]any)
	if calls := total(ops); int(summary["apiCalls"].(float64)) != calls {
		// Which actions differ (a rare mismatch under load, not yet
		// explained): the report's per-action calls against the proxy's.
		var diff []string
		for _, p := range got["permissions"].([]any) {
			perm := p.(map[string]any)
			_, op, _ := strings.Cut(perm["action"].(string), ":")
			if n := int(perm["calls"].(float64)); n != ops[op] {
				diff = append(diff, fmt.Sprintf("%s: report %d, proxy %d", perm["action"], n, ops[op]))
			}
		}
		t.Errorf("summary.apiCalls = %v, the proxy saw %d; differing actions: %v", summary["apiCalls"], calls, diff)
	}
	summary["apiCalls"] = 0.0
	for _, p := range got["permissions"].([]any) {
		p.(map[string]any)["calls"] = 0.0
	}
	path := filepath.Join("testdata", "doctor.golden.json")
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want map[string]any
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("doctor report differs from %s (-want +got; -update rewrites it):\n%s", path, diff)
	}
}

// checkDoctorText checks the line of each pool and the sections of the
// text report.
func checkDoctorText(t *testing.T, setups []*testenv.Setup, out string) {
	t.Helper()
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		for _, s := range setups {
			if strings.Contains(l, "("+s.UserPoolID+")") && !strings.HasPrefix(l, "──") {
				lines[s.UserPoolID] = l
			}
		}
	}
	want := map[string]string{
		"healthy": `✔`, "user-pool-only": `? `, "no-web-client": `✖`, "native-oauth-mismatch": `✔`,
		"no-logout-urls": `✔`, "identity-pool-web-only": `✔`, "identity-pool-foreign-user-pool": `✔`,
		"no-unauth-role": `✔`, "auth-trust-wrong-aud": `✔`, "auth-trust-assume-role": `✔`, "auth-trust-no-amr": `✔`,
	}
	for i, v := range testenv.Variants() {
		l := lines[setups[i].UserPoolID]
		if !strings.HasPrefix(l, want[v.Name]) {
			t.Errorf("%s: line %q, want it to start with %q", v.Name, l, want[v.Name])
		}
	}
	for _, sub := range []string{
		`eligible for "User Pool and Identity Pool" and "User Pool only"`,
		`not checked: cognito-idp:DescribeUserPool failed: AccessDeniedException`,
		"import with: ampgo import auth --region " + doctorRegion,
		"aws iam update-assume-role-policy",
		"✖ cognito-idp:DescribeUserPool", "partial (1 of",
		"Minimal IAM policy granting the denied actions",
		`"cognito-idp:DescribeUserPool"`,
	} {
		if !strings.Contains(out, sub) {
			t.Errorf("text report lacks %q", sub)
		}
	}
}

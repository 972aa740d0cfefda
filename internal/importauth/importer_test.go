package importauth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
)

// fakeReader is a Reader whose ReadSnapshot answers from a fixed result.
type fakeReader struct {
	fakeDiscovery
	snap *cognito.Snapshot
	err  error
	sels []cognito.Selection
}

func (r *fakeReader) ReadSnapshot(_ context.Context, sel cognito.Selection) (*cognito.Snapshot, error) {
	r.sels = append(r.sels, sel)
	return r.snap, r.err
}

// validateCase is the one shape of the Validate tests.
type validateCase struct {
	name     string
	mutate   func(s *cognito.Snapshot) // nil snapshot when readErr is set
	readErr  error
	wantCode int      // 0: valid
	wantErr  []string // substrings of the error and its hint
	wantLog  []string // substrings of what was printed
}

var validateCases = []validateCase{
	{name: "valid snapshot prints nothing"},
	{
		name: "every error finding is printed before exit 3",
		mutate: func(s *cognito.Snapshot) {
			fixtureClient(s, testWebID).HasSecret = true
			s.IdentityPool.UnauthRoleARN, s.UnauthRole = "", nil
		},
		wantCode: exit.Requirements,
		wantErr:  []string{"do not meet the requirements for import (", "nothing was written"},
		wantLog:  []string{"✖ " + resWeb + ": ClientSecret", "✖ " + resIP, "fix:"},
	},
	{
		name:     "missing user pool is exit 3 with a list command",
		readErr:  fmt.Errorf("read: %w", &cognito.NotFoundError{Kind: "user pool", ID: "eu-west-1_nosuch"}),
		wantCode: exit.Requirements,
		wantErr: []string{"user pool eu-west-1_nosuch does not exist in region eu-west-1",
			"aws cognito-idp list-user-pools --max-results 60 --region eu-west-1"},
	},
	{
		name:     "missing identity pool is exit 3 suggesting --user-pool-only",
		readErr:  &cognito.NotFoundError{Kind: "identity pool", ID: "eu-west-1:0000"},
		wantCode: exit.Requirements,
		wantErr: []string{"identity pool eu-west-1:0000 does not exist in region eu-west-1",
			"aws cognito-identity list-identity-pools --max-results 60 --region eu-west-1", "--user-pool-only"},
	},
	{
		name:     "other read errors keep their exit code",
		readErr:  exit.CredentialsError(errors.New("describe user pool: AccessDeniedException"), "add the action"),
		wantCode: exit.Credentials,
		wantErr:  []string{"AccessDeniedException", "add the action"},
	},
}

func TestValidate(t *testing.T) {
	for _, tc := range validateCases {
		t.Run(tc.name, func(t *testing.T) {
			r := &fakeReader{err: tc.readErr}
			if tc.readErr == nil {
				r.snap = goodSnapshot()
				if tc.mutate != nil {
					tc.mutate(r.snap)
				}
			}
			sel := cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: testIPID}
			var log strings.Builder

			got, err := Validate(context.Background(), r, sel, &log)

			if code := exit.Code(err); code != tc.wantCode {
				t.Fatalf("exit code %d, want %d (err: %v)", code, tc.wantCode, err)
			}
			if diff := cmp.Diff([]cognito.Selection{sel}, r.sels); diff != "" {
				t.Errorf("ReadSnapshot selections mismatch (-want +got):\n%s", diff)
			}
			if err == nil && got != r.snap {
				t.Errorf("Validate returned %p, want the snapshot read (%p)", got, r.snap)
			}
			if err != nil && got != nil {
				t.Errorf("Validate returned a snapshot with error %v", err)
			}
			msg := fmt.Sprintf("%v\nhint: %s", err, exit.Hint(err))
			for _, s := range tc.wantErr {
				if !strings.Contains(msg, s) {
					t.Errorf("error does not mention %q:\n%s", s, msg)
				}
			}
			if len(tc.wantLog) == 0 && log.Len() > 0 {
				t.Errorf("unexpected output:\n%s", log.String())
			}
			for _, s := range tc.wantLog {
				if !strings.Contains(log.String(), s) {
					t.Errorf("output does not mention %q:\n%s", s, log.String())
				}
			}
		})
	}
}

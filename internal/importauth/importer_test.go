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
	notErr   []string // what the error and its hint must not say
	wantLog  []string // substrings of what was printed
	notLog   []string // what must not be printed
	// noIdentityPool is the command's way out (Chooser.NoIdentityPool);
	// "" is Validate, as env add, env checkout and auth refresh call it.
	noIdentityPool string
	clients        []cognito.AppClient // every client of the pool, for a listing
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
		name:           "missing identity pool in import is exit 3 suggesting --user-pool-only",
		readErr:        &cognito.NotFoundError{Kind: "identity pool", ID: "eu-west-1:0000"},
		noIdentityPool: "or import with --user-pool-only",
		wantCode:       exit.Requirements,
		wantErr: []string{"identity pool eu-west-1:0000 does not exist in region eu-west-1",
			"aws cognito-identity list-identity-pools --max-results 60 --region eu-west-1", "--user-pool-only"},
	},
	{
		// env add and checkout take no --user-pool-only (issue 16).
		name:     "missing identity pool in env add suggests no --user-pool-only",
		readErr:  &cognito.NotFoundError{Kind: "identity pool", ID: "eu-west-1:0000"},
		wantCode: exit.Requirements,
		wantErr: []string{"identity pool eu-west-1:0000 does not exist in region eu-west-1",
			"aws cognito-identity list-identity-pools --max-results 60 --region eu-west-1"},
		notErr: []string{"--user-pool-only"},
	},
	{
		// The snapshot of chosen ids holds the native client only; the
		// listing finds the web client to name (issue 16).
		name: "native client passed as web client: the fix names the client without a secret",
		mutate: func(s *cognito.Snapshot) {
			s.Clients = []cognito.AppClient{*fixtureClient(s, testNativeID)}
			s.WebClientID = testNativeID
		},
		clients:  goodSnapshot().Clients,
		wantCode: exit.Requirements,
		wantLog: []string{"✖ " + resNative + ": ClientSecret",
			"use --web-client-id " + testWebID + " (acme-web), which has no client secret",
			"acme-native (" + testNativeID + ") can stay the native client"},
		notLog: []string{"every app client has a client secret", "create-user-pool-client"},
	},
	{
		name: "web client with a secret and no client without one: create one",
		mutate: func(s *cognito.Snapshot) {
			s.Clients = []cognito.AppClient{*fixtureClient(s, testNativeID)}
			s.WebClientID = testNativeID
		},
		clients:  []cognito.AppClient{*fixtureClient(goodSnapshot(), testNativeID), *fixtureClient(goodSnapshot(), testAdminID)},
		wantCode: exit.Requirements,
		wantLog:  []string{"✖ " + resNative + ": ClientSecret", "create-user-pool-client --user-pool-id " + testPoolID},
		notLog:   []string{"use --web-client-id"},
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
			r := &fakeReader{err: tc.readErr, fakeDiscovery: fakeDiscovery{clients: onePool(tc.clients...)}}
			if tc.readErr == nil {
				r.snap = goodSnapshot()
				if tc.mutate != nil {
					tc.mutate(r.snap)
				}
			}
			sel := cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: testIPID}
			var log strings.Builder

			got, err := validate(context.Background(), r, sel, &log, tc.noIdentityPool)

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
			for _, s := range tc.notErr {
				if strings.Contains(msg, s) {
					t.Errorf("error mentions %q:\n%s", s, msg)
				}
			}
			for _, s := range tc.notLog {
				if strings.Contains(log.String(), s) {
					t.Errorf("output mentions %q:\n%s", s, log.String())
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

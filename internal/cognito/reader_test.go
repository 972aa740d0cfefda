package cognito

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/testenv"
)

// trustAsJSON compares Role.TrustPolicy as parsed JSON: IAM may re-encode
// the document, and what matters is that it is decoded and parses.
var trustAsJSON = cmp.FilterPath(func(p cmp.Path) bool {
	sf, ok := p.Last().(cmp.StructField)
	return ok && sf.Name() == "TrustPolicy"
}, cmp.Transformer("parseJSON", func(s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return "unparseable: " + s
	}
	return v
}))

// wantSnapshot is what ReadSnapshot must return for a healthy Seed setup
// selected in full.
func wantSnapshot(s *testenv.Setup) *Snapshot {
	client := func(id, name, callback, logout string, secret bool) AppClient {
		return AppClient{
			ID: id, Name: name, UserPoolID: s.UserPoolID, HasSecret: secret, OAuthEnabled: true,
			SupportedIdentityProviders: []string{"COGNITO", testenv.GoogleProviderName},
			CallbackURLs:               []string{callback},
			LogoutURLs:                 []string{logout},
			AllowedOAuthFlows:          []string{"code"},
			AllowedOAuthScopes:         testenv.OAuthScopes,
		}
	}
	provider := s.ProviderName()
	return &Snapshot{
		Pool: UserPool{
			ID: s.UserPoolID, Name: s.UserPoolName, Region: s.Region, Domain: s.Domain,
			MFA:                    MFA{Configuration: "OPTIONAL", SMS: true, TOTP: true, SNSCallerARN: s.SMSRoleARN},
			UsernameAttributes:     []string{"email"},
			AutoVerifiedAttributes: []string{"email"},
			Attributes:             []Attribute{{Name: "email", Required: true, Mutable: true}},
			PasswordPolicy: PasswordPolicy{MinLength: 10, RequireLowercase: true, RequireUppercase: true,
				RequireNumbers: true, RequireSymbols: true},
		},
		Clients: []AppClient{
			client(s.WebClientID, s.WebClientName, testenv.WebCallbackURL, testenv.WebCallbackURL, false),
			client(s.NativeClientID, s.NativeClientName, testenv.NativeCallbackURL, testenv.NativeLogoutURL, true),
		},
		IdentityProviders: []IdentityProvider{{Name: testenv.GoogleProviderName, Type: "Google"}},
		WebClientID:       s.WebClientID,
		NativeClientID:    s.NativeClientID,
		IdentityPool: &IdentityPool{
			ID: s.IdentityPoolID, Name: s.IdentityPoolName, Region: s.Region, AllowUnauthenticated: true,
			CognitoProviders: []CognitoProvider{
				{ProviderName: provider, ClientID: s.WebClientID},
				{ProviderName: provider, ClientID: s.NativeClientID},
			},
			LoginProviders: []LoginProvider{{Domain: "accounts.google.com", AppID: testenv.GoogleClientID}},
			AuthRoleARN:    s.AuthRoleARN,
			UnauthRoleARN:  s.UnauthRoleARN,
		},
		AuthRole: &Role{ARN: s.AuthRoleARN, Name: s.AuthRoleName, Found: true,
			TrustPolicy: testenv.TrustPolicy(s.IdentityPoolID, "authenticated")},
		UnauthRole: &Role{ARN: s.UnauthRoleARN, Name: s.UnauthRoleName, Found: true,
			TrustPolicy: testenv.TrustPolicy(s.IdentityPoolID, "unauthenticated")},
	}
}

func fullSelection(s *testenv.Setup) Selection {
	return Selection{UserPoolID: s.UserPoolID, WebClientID: s.WebClientID,
		NativeClientID: s.NativeClientID, IdentityPoolID: s.IdentityPoolID}
}

// readCalls are the calls of a full ReadSnapshot: describes and gets only,
// plus the one list the API offers no describe for (identity providers).
var readCalls = map[string]int{
	"DescribeUserPool": 1, "GetUserPoolMfaConfig": 1, "ListIdentityProviders": 1,
	"DescribeUserPoolClient": 2, "DescribeIdentityPool": 1, "GetIdentityPoolRoles": 1, "GetRole": 2,
}

var userPoolReadCalls = map[string]int{
	"DescribeUserPool": 1, "GetUserPoolMfaConfig": 1, "ListIdentityProviders": 1, "DescribeUserPoolClient": 2,
}

// snapshotCase is the one shape of the ReadSnapshot tests: seed a setup in
// seedRegion, optionally break it, read it with a Reader configured for
// us-east-1, and compare with wantSnapshot changed by want.
type snapshotCase struct {
	name         string
	seedRegion   string
	opts         testenv.SetupOptions
	sel          func(s *testenv.Setup) Selection
	before       func(t *testing.T, s *testenv.Setup) // changes AWS after seeding
	want         func(s *testenv.Setup, w *Snapshot)  // changes to the healthy snapshot
	wantNotFound string                               // Kind of the *NotFoundError; "" for success
	wantCalls    map[string]int                       // nil: not checked
}

var snapshotCases = []snapshotCase{
	{name: "healthy setup", sel: fullSelection, wantCalls: readCalls},
	{
		// The Reader's own region is us-east-1: every call must go to the
		// region in the resource's id.
		name: "healthy setup in another region", seedRegion: "eu-west-1", sel: fullSelection, wantCalls: readCalls,
	},
	{
		name: "user pool only",
		opts: testenv.SetupOptions{UserPoolOnly: true},
		sel: func(s *testenv.Setup) Selection {
			return Selection{UserPoolID: s.UserPoolID, WebClientID: s.WebClientID, NativeClientID: s.NativeClientID}
		},
		want:      func(_ *testenv.Setup, w *Snapshot) { w.IdentityPool, w.AuthRole, w.UnauthRole = nil, nil, nil },
		wantCalls: userPoolReadCalls,
	},
	{
		name: "same client for web and native is described once",
		opts: testenv.SetupOptions{UserPoolOnly: true},
		sel: func(s *testenv.Setup) Selection {
			return Selection{UserPoolID: s.UserPoolID, WebClientID: s.WebClientID, NativeClientID: s.WebClientID}
		},
		want: func(s *testenv.Setup, w *Snapshot) {
			w.IdentityPool, w.AuthRole, w.UnauthRole = nil, nil, nil
			w.Clients, w.NativeClientID = w.Clients[:1], s.WebClientID
		},
		wantCalls: map[string]int{"DescribeUserPool": 1, "GetUserPoolMfaConfig": 1, "ListIdentityProviders": 1,
			"DescribeUserPoolClient": 1},
	},
	{
		name: "native client given first is still listed after the web client",
		opts: testenv.SetupOptions{UserPoolOnly: true},
		sel: func(s *testenv.Setup) Selection {
			return Selection{UserPoolID: s.UserPoolID, WebClientID: s.NativeClientID, NativeClientID: s.WebClientID}
		},
		want: func(s *testenv.Setup, w *Snapshot) {
			w.IdentityPool, w.AuthRole, w.UnauthRole = nil, nil, nil
			w.Clients[0], w.Clients[1] = w.Clients[1], w.Clients[0]
			w.WebClientID, w.NativeClientID = s.NativeClientID, s.WebClientID
		},
		wantCalls: userPoolReadCalls,
	},
	{
		name: "missing app client is left out",
		sel: func(s *testenv.Setup) Selection {
			sel := fullSelection(s)
			sel.NativeClientID = "nosuchclient0000000000000"
			return sel
		},
		want: func(_ *testenv.Setup, w *Snapshot) {
			w.Clients, w.NativeClientID = w.Clients[:1], "nosuchclient0000000000000"
		},
		wantCalls: readCalls,
	},
	{
		name: "deleted role is not found, not an error",
		sel:  fullSelection,
		before: func(t *testing.T, s *testenv.Setup) {
			_, err := iam.NewFromConfig(moto.AWSConfig(s.Region)).DeleteRole(context.Background(),
				&iam.DeleteRoleInput{RoleName: aws.String(s.UnauthRoleName)})
			if err != nil {
				t.Fatalf("delete role: %v", err)
			}
		},
		want: func(s *testenv.Setup, w *Snapshot) {
			w.UnauthRole = &Role{ARN: s.UnauthRoleARN, Name: s.UnauthRoleName}
		},
		wantCalls: readCalls,
	},
	{
		name: "identity pool without unauthenticated role",
		opts: testenv.SetupOptions{NoUnauthRole: true},
		sel:  fullSelection,
		want: func(_ *testenv.Setup, w *Snapshot) {
			w.IdentityPool.UnauthRoleARN, w.UnauthRole = "", nil
		},
		wantCalls: map[string]int{"DescribeUserPool": 1, "GetUserPoolMfaConfig": 1, "ListIdentityProviders": 1,
			"DescribeUserPoolClient": 2, "DescribeIdentityPool": 1, "GetIdentityPoolRoles": 1, "GetRole": 1},
	},
	{
		name: "missing user pool",
		opts: testenv.SetupOptions{UserPoolOnly: true},
		sel: func(s *testenv.Setup) Selection {
			return Selection{UserPoolID: s.Region + "_nosuchpool", WebClientID: s.WebClientID}
		},
		wantNotFound: "user pool",
	},
	{
		name: "missing user pool in another region",
		opts: testenv.SetupOptions{UserPoolOnly: true},
		sel: func(s *testenv.Setup) Selection {
			// The pool exists, but not in the region its id claims.
			sel := fullSelection(s)
			sel.UserPoolID = "ap-northeast-1" + s.UserPoolID[len(s.Region):]
			return sel
		},
		wantNotFound: "user pool",
	},
	{
		name: "missing identity pool",
		opts: testenv.SetupOptions{UserPoolOnly: true},
		sel: func(s *testenv.Setup) Selection {
			sel := fullSelection(s)
			sel.IdentityPoolID = s.Region + ":00000000-0000-0000-0000-000000000000"
			return sel
		},
		wantNotFound: "identity pool",
	},
}

func TestReadSnapshot(t *testing.T) {
	for _, tc := range snapshotCases {
		t.Run(tc.name, func(t *testing.T) {
			region := tc.seedRegion
			if region == "" {
				region = "us-east-1"
			}
			s := seed(t, region, tc.opts)
			if tc.before != nil {
				tc.before(t, s)
			}
			r, calls := countingReader("us-east-1")

			got, err := r.ReadSnapshot(context.Background(), tc.sel(s))

			if tc.wantNotFound != "" {
				var nf *NotFoundError
				if !errors.As(err, &nf) || nf.Kind != tc.wantNotFound {
					t.Fatalf("error %v (%T), want *NotFoundError of kind %q", err, err, tc.wantNotFound)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadSnapshot: %v", err)
			}
			want := wantSnapshot(s)
			if tc.want != nil {
				tc.want(s, want)
			}
			if diff := cmp.Diff(want, got, trustAsJSON); diff != "" {
				t.Errorf("snapshot mismatch (-want +got):\n%s", diff)
			}
			for _, role := range []*Role{got.AuthRole, got.UnauthRole} {
				if role != nil && role.Found && !json.Valid([]byte(role.TrustPolicy)) {
					t.Errorf("trust policy of %s is not JSON: %q", role.Name, role.TrustPolicy)
				}
			}
			if tc.wantCalls != nil {
				if diff := cmp.Diff(tc.wantCalls, calls.counts()); diff != "" {
					t.Errorf("calls mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestListPoolsPaginates creates more pools than one page holds, in a
// region no other test uses, and expects each exactly once. (With -count
// the region holds the pools of earlier runs too.)
func TestListPoolsPaginates(t *testing.T) {
	const region, n = "ap-southeast-2", 65
	ctx := context.Background()
	idp := cip.NewFromConfig(moto.AWSConfig(region))
	want := map[string]string{}
	for i := range n {
		name := fmt.Sprintf("page-pool-%02d", i)
		out, err := idp.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String(name)})
		if err != nil {
			t.Fatalf("create user pool %s: %v", name, err)
		}
		want[aws.ToString(out.UserPool.Id)] = name
	}
	r, calls := countingReader("us-east-1")

	got, err := r.ListPools(ctx, region)
	if err != nil {
		t.Fatalf("ListPools: %v", err)
	}
	seen := map[string]int{}
	for _, p := range got {
		seen[p.ID]++
		if seen[p.ID] == 2 {
			t.Errorf("pool %s listed twice", p.ID)
		}
		if name, ok := want[p.ID]; ok && name != p.Name {
			t.Errorf("pool %s: name %q, want %q", p.ID, p.Name, name)
		}
	}
	for id := range want {
		if seen[id] == 0 {
			t.Errorf("pool %s (%s) not listed", id, want[id])
		}
	}
	if pages := calls.counts()["ListUserPools"]; pages < 2 || pages > len(got)/listPageSize+1 {
		t.Errorf("%d ListUserPools calls for %d pools, want %d pages of %d", pages, len(got), len(got)/listPageSize+1, listPageSize)
	}
}

// TestClients lists and describes a pool with more clients than one page
// holds, some with a secret.
func TestClients(t *testing.T) {
	ctx := context.Background()
	s := seed(t, "us-east-1", testenv.SetupOptions{UserPoolOnly: true})
	idp := cip.NewFromConfig(moto.AWSConfig(s.Region))
	secret := map[string]bool{s.WebClientID: false, s.NativeClientID: true}
	for i := range 60 {
		out, err := idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
			UserPoolId:     aws.String(s.UserPoolID),
			ClientName:     aws.String(fmt.Sprintf("extra-%02d", i)),
			GenerateSecret: i%3 == 0,
		})
		if err != nil {
			t.Fatalf("create client: %v", err)
		}
		secret[aws.ToString(out.UserPoolClient.ClientId)] = i%3 == 0
	}
	r, calls := countingReader("us-east-1")

	got, err := r.Clients(ctx, s.UserPoolID)
	if err != nil {
		t.Fatalf("Clients: %v", err)
	}
	gotSecret := map[string]bool{}
	for _, c := range got {
		if _, dup := gotSecret[c.ID]; dup {
			t.Errorf("client %s returned twice", c.ID)
		}
		gotSecret[c.ID] = c.HasSecret
		if c.UserPoolID != s.UserPoolID || c.Name == "" {
			t.Errorf("client %s: pool %q, name %q", c.ID, c.UserPoolID, c.Name)
		}
	}
	if diff := cmp.Diff(secret, gotSecret); diff != "" {
		t.Errorf("clients (id -> has secret) mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"ListUserPoolClients": 2, "DescribeUserPoolClient": 62}, calls.counts()); diff != "" {
		t.Errorf("calls mismatch (-want +got):\n%s", diff)
	}
}

func TestClientsOfMissingPool(t *testing.T) {
	r, _ := countingReader("us-east-1")
	_, err := r.Clients(context.Background(), "us-east-1_nosuchpool")
	var nf *NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "user pool" {
		t.Fatalf("error %v, want *NotFoundError of kind user pool", err)
	}
}

// TestLinkedIdentityPools seeds two setups and a stray identity pool in a
// region of their own and expects only the pool that links each user pool.
// Roles are not read: selection needs none, ReadSnapshot reads them later.
func TestLinkedIdentityPools(t *testing.T) {
	const region = "eu-central-1"
	ctx := context.Background()
	a := seed(t, region, testenv.SetupOptions{})
	b := seed(t, region, testenv.SetupOptions{IdentityPoolWebOnly: true})
	if _, err := ci.NewFromConfig(moto.AWSConfig(region)).CreateIdentityPool(ctx, &ci.CreateIdentityPoolInput{
		IdentityPoolName:               aws.String("stray_identity"),
		AllowUnauthenticatedIdentities: false,
		CognitoIdentityProviders: []citypes.CognitoIdentityProvider{{
			// Same id suffix but another pool: must not match.
			ProviderName: aws.String("cognito-idp." + region + ".amazonaws.com/x" + a.UserPoolID),
			ClientId:     aws.String(a.WebClientID),
		}},
	}); err != nil {
		t.Fatalf("create stray identity pool: %v", err)
	}
	us := seed(t, "us-east-1", testenv.SetupOptions{})

	type linkedCase struct {
		name       string
		region     string
		userPoolID string
		// gone is an identity pool that the list returns but that is
		// deleted before it is described (another deploy, in a busy account).
		gone string
		want []IdentityPool
	}
	for _, tc := range []linkedCase{
		{name: "first setup", region: region, userPoolID: a.UserPoolID, want: []IdentityPool{{
			ID: a.IdentityPoolID, Name: a.IdentityPoolName, Region: region, AllowUnauthenticated: true,
			CognitoProviders: []CognitoProvider{
				{ProviderName: a.ProviderName(), ClientID: a.WebClientID},
				{ProviderName: a.ProviderName(), ClientID: a.NativeClientID},
			},
			LoginProviders: []LoginProvider{{Domain: "accounts.google.com", AppID: testenv.GoogleClientID}},
		}}},
		{name: "second setup", region: region, userPoolID: b.UserPoolID, want: []IdentityPool{{
			ID: b.IdentityPoolID, Name: b.IdentityPoolName, Region: region, AllowUnauthenticated: true,
			CognitoProviders: []CognitoProvider{{ProviderName: b.ProviderName(), ClientID: b.WebClientID}},
			LoginProviders:   []LoginProvider{{Domain: "accounts.google.com", AppID: testenv.GoogleClientID}},
		}}},
		{name: "pool of another region is not listed here", region: region, userPoolID: us.UserPoolID},
		{name: "unlinked user pool", region: region, userPoolID: region + "_nosuchpool"},
		{name: "identity pool deleted after the list is skipped", region: region, userPoolID: b.UserPoolID,
			gone: region + ":00000000-0000-0000-0000-000000000000", want: []IdentityPool{{
				ID: b.IdentityPoolID, Name: b.IdentityPoolName, Region: region, AllowUnauthenticated: true,
				CognitoProviders: []CognitoProvider{{ProviderName: b.ProviderName(), ClientID: b.WebClientID}},
				LoginProviders:   []LoginProvider{{Domain: "accounts.google.com", AppID: testenv.GoogleClientID}},
			}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, calls := countingReader("us-east-1")
			wantCalls := map[string]int{"ListIdentityPools": 1, "DescribeIdentityPool": identityPoolCount(t, region)}
			if tc.gone != "" {
				r.identity = listsGone{identityPoolAPI: r.identity, id: tc.gone}
				wantCalls["DescribeIdentityPool"]++
			}
			got, err := r.LinkedIdentityPools(ctx, tc.region, tc.userPoolID)
			if err != nil {
				t.Fatalf("LinkedIdentityPools: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("linked identity pools mismatch (-want +got):\n%s", diff)
			}
			// One list, one describe per identity pool of the region.
			if diff := cmp.Diff(wantCalls, calls.counts()); diff != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// listsGone adds an identity pool that does not exist to every list.
type listsGone struct {
	identityPoolAPI
	id string
}

func (l listsGone) ListIdentityPools(ctx context.Context, in *ci.ListIdentityPoolsInput, o ...func(*ci.Options)) (*ci.ListIdentityPoolsOutput, error) {
	out, err := l.identityPoolAPI.ListIdentityPools(ctx, in, o...)
	if err == nil {
		out.IdentityPools = append(out.IdentityPools, citypes.IdentityPoolShortDescription{
			IdentityPoolId: aws.String(l.id), IdentityPoolName: aws.String("gone")})
	}
	return out, err
}

// identityPoolCount counts the identity pools of a region directly.
func identityPoolCount(t *testing.T, region string) int {
	t.Helper()
	out, err := ci.NewFromConfig(moto.AWSConfig(region)).ListIdentityPools(context.Background(),
		&ci.ListIdentityPoolsInput{MaxResults: aws.Int32(60)})
	if err != nil {
		t.Fatalf("list identity pools: %v", err)
	}
	if out.NextToken != nil {
		t.Fatal("more identity pools than one page; moto used to return all at once")
	}
	return len(out.IdentityPools)
}

// TestSnapshotReusesDiscovery: after Clients and LinkedIdentityPools, the
// snapshot of the chosen resources describes neither the clients nor the
// identity pool again, and equals a fresh reader's snapshot.
func TestSnapshotReusesDiscovery(t *testing.T) {
	const region = "ca-central-1"
	ctx := context.Background()
	s := seed(t, region, testenv.SetupOptions{})
	sel := Selection{UserPoolID: s.UserPoolID, WebClientID: s.WebClientID, NativeClientID: s.NativeClientID, IdentityPoolID: s.IdentityPoolID}
	r, calls := countingReader("us-east-1")
	if _, err := r.Clients(ctx, s.UserPoolID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.LinkedIdentityPools(ctx, region, s.UserPoolID); err != nil {
		t.Fatal(err)
	}
	before := calls.counts()
	got, err := r.ReadSnapshot(ctx, sel)
	if err != nil {
		t.Fatal(err)
	}
	after := calls.counts()
	for op, n := range before {
		if after[op] -= n; after[op] == 0 {
			delete(after, op)
		}
	}
	want := map[string]int{"DescribeUserPool": 1, "GetUserPoolMfaConfig": 1, "ListIdentityProviders": 1,
		"GetIdentityPoolRoles": 1, "GetRole": 2}
	if diff := cmp.Diff(want, after); diff != "" {
		t.Errorf("snapshot calls after discovery (-want +got):\n%s", diff)
	}
	fresh, _ := countingReader("us-east-1")
	wantSnap, err := fresh.ReadSnapshot(ctx, sel)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantSnap, got, trustAsJSON); diff != "" {
		t.Errorf("snapshot from memo differs from a fresh read (-fresh +memo):\n%s", diff)
	}
}

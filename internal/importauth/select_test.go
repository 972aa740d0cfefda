package importauth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/prompt"
)

// fakeDiscovery answers from fixed data and records every call, so a test
// can prove that given ids cost no discovery at all.
type fakeDiscovery struct {
	pools         []cognito.PoolSummary
	clients       map[string][]cognito.AppClient // by user pool id
	identityPools []cognito.IdentityPool         // every pool of the region; filtered like the Reader
	err           error                          // returned by every call when set
	calls         []string
}

func (d *fakeDiscovery) ListPools(_ context.Context, region string) ([]cognito.PoolSummary, error) {
	d.calls = append(d.calls, "ListPools "+region)
	return d.pools, d.err
}

func (d *fakeDiscovery) Clients(_ context.Context, poolID string) ([]cognito.AppClient, error) {
	d.calls = append(d.calls, "Clients "+poolID)
	return d.clients[poolID], d.err
}

func (d *fakeDiscovery) LinkedIdentityPools(_ context.Context, region, userPoolID string) ([]cognito.IdentityPool, error) {
	d.calls = append(d.calls, "LinkedIdentityPools "+region+" "+userPoolID)
	var out []cognito.IdentityPool
	for _, ip := range d.identityPools {
		if len(IdentityPoolLinks(&ip, userPoolID)) > 0 {
			out = append(out, ip)
		}
	}
	return out, d.err
}

// asked is one question the Chooser put to the user.
type asked struct {
	Kind    string // "select", "confirm" or "input"
	Title   string
	Options []string // labels (select)
	Values  []string // values (select)
	Filter  bool     // type-to-filter (select)
	Default string   // confirm: "yes"/"no"; input: pre-filled text
}

// answer is the scripted reply to the next question.
type answer struct {
	kind  string
	value string // select: an option value; input: the text
	yes   bool   // confirm
	err   error
}

func pick(value string) answer { return answer{kind: "select", value: value} }
func confirm(yes bool) answer  { return answer{kind: "confirm", yes: yes} }
func cancelled(kind string) answer {
	return answer{kind: kind, err: prompt.ErrCancelled}
}

// scriptedPrompter replies to questions from a queue and records them. An
// unexpected question, or one of the wrong kind, fails the test.
type scriptedPrompter struct {
	t           *testing.T
	interactive bool
	answers     []answer
	asked       []asked
}

var errUnscripted = errors.New("unscripted prompt")

func (p *scriptedPrompter) next(q asked) answer {
	p.t.Helper()
	p.asked = append(p.asked, q)
	if len(p.answers) == 0 {
		p.t.Errorf("unexpected %s prompt %q", q.Kind, q.Title)
		return answer{err: errUnscripted}
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	if a.kind != q.Kind {
		p.t.Errorf("prompt %q is a %s, the script has a %s answer", q.Title, q.Kind, a.kind)
		return answer{err: errUnscripted}
	}
	return a
}

func (p *scriptedPrompter) Select(title string, options []prompt.Option, filter bool) (string, error) {
	q := asked{Kind: "select", Title: title, Filter: filter}
	for _, o := range options {
		q.Options = append(q.Options, o.Label)
		q.Values = append(q.Values, o.Value)
	}
	a := p.next(q)
	if a.err == nil && !containsString(q.Values, a.value) {
		p.t.Errorf("script picks %q, not an option of %q: %v", a.value, title, q.Values)
	}
	return a.value, a.err
}

func (p *scriptedPrompter) Confirm(title string, def bool) (bool, error) {
	q := asked{Kind: "confirm", Title: title, Default: "no"}
	if def {
		q.Default = "yes"
	}
	a := p.next(q)
	return a.yes, a.err
}

func (p *scriptedPrompter) Input(title, def string, _ func(string) error) (string, error) {
	a := p.next(asked{Kind: "input", Title: title, Default: def})
	return a.value, a.err
}

func (p *scriptedPrompter) Interactive() bool { return p.interactive }

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Selection fixtures: a pool with a web client, a second web client, a
// native client with a secret, and identity pools linking different clients.
const (
	selRegion = "us-east-1"
	selWeb2ID = "2abcwebclient0000000000000"
	selIP2ID  = "us-east-1:22222222-2222-3333-4444-555555555555"
	selIP3ID  = "us-east-1:33333333-2222-3333-4444-555555555555"
	selOther  = "us-east-1_Other0000"
)

var (
	selWeb    = cognito.AppClient{ID: testWebID, Name: "acme-web", UserPoolID: testPoolID}
	selWeb2   = cognito.AppClient{ID: selWeb2ID, Name: "Acme-web-beta", UserPoolID: testPoolID}
	selNative = cognito.AppClient{ID: testNativeID, Name: "acme-native", UserPoolID: testPoolID, HasSecret: true}
	selAdmin  = cognito.AppClient{ID: testAdminID, Name: "acme-admin", UserPoolID: testPoolID, HasSecret: true}
)

func selIdentityPool(id, name, userPoolID string, clientIDs ...string) cognito.IdentityPool {
	ip := cognito.IdentityPool{ID: id, Name: name, Region: selRegion}
	for _, c := range clientIDs {
		ip.CognitoProviders = append(ip.CognitoProviders, cognito.CognitoProvider{
			ProviderName: ProviderName(selRegion, userPoolID), ClientID: c,
		})
	}
	return ip
}

var (
	ipBoth    = selIdentityPool(testIPID, "acme_identity", testPoolID, testWebID, testNativeID)
	ipWebOnly = selIdentityPool(selIP2ID, "acme_web_only", testPoolID, testWebID)
	ipBoth2   = selIdentityPool(selIP3ID, "Acme_identity_2", testPoolID, testNativeID, testWebID)
	ipForeign = selIdentityPool("us-east-1:99999999-2222-3333-4444-555555555555", "other_identity", selOther, "otherclient")
)

const (
	titleMode    = "What type of auth resource do you want to import?"
	titlePool    = "Select the User Pool you want to import:"
	titleWeb     = "Select a Web client to import:"
	titleNative  = "Select a Native client to import:"
	titleIP      = "Select the Identity Pool you want to import:"
	titleSame    = "You chose the same app client for web and native apps; different clients are recommended. Choose another native client?"
	modeBoth     = "Cognito User Pool and Identity Pool"
	modeOnly     = "Cognito User Pool only"
	logOneWeb    = "✔ Only one Web app client found: 'acme-web' was automatically selected.\n"
	logOneIP     = "✔ Only one Identity Pool resource found: 'acme_identity' (" + testIPID + ") was automatically selected.\n"
	labelWeb     = "acme-web (" + testWebID + ")"
	labelWeb2    = "Acme-web-beta (" + selWeb2ID + ")"
	labelNative  = "acme-native (" + testNativeID + ") (has app client secret)"
	labelAdmin   = "acme-admin (" + testAdminID + ") (has app client secret)"
	labelIPBoth  = "acme_identity (" + testIPID + ")"
	labelIPBoth2 = "Acme_identity_2 (" + selIP3ID + ")"
)

var askMode = asked{Kind: "select", Title: titleMode,
	Options: []string{modeBoth, modeOnly}, Values: []string{modeBoth, modeOnly}}

// askNative is the native client list of the fixture pool with web, web2,
// native and admin clients, sorted case-insensitively.
var askNative = asked{Kind: "select", Title: titleNative, Filter: true,
	Options: []string{labelAdmin, labelNative, labelWeb, labelWeb2},
	Values:  []string{testAdminID, testNativeID, testWebID, selWeb2ID}}

var askWeb = asked{Kind: "select", Title: titleWeb, Filter: true,
	Options: []string{labelWeb, labelWeb2}, Values: []string{testWebID, selWeb2ID}}

// askPools is the list of the pools Beta and acme, Beta marked with mark.
func askPools(mark ...string) asked {
	beta := "Beta (us-east-1_Beta)"
	for _, m := range mark {
		beta += m
	}
	return asked{Kind: "select", Title: titlePool, Filter: true,
		Options: []string{"acme (" + testPoolID + ")", beta}, Values: []string{testPoolID, "us-east-1_Beta"}}
}

const markBeta = "  ✖ no app client without a secret"

// betaFindings is what picking the pool Beta, whose only client has a
// secret, prints.
const betaFindings = `✖ user pool "Beta" (us-east-1_Beta): ClientSecret
    found: every app client has a client secret: app client "beta-native" (3betaclient)
    need:  at least one app client without a client secret (a web client)
    fix:   a client secret cannot be removed from an existing client; create a client without one:
           Amazon Cognito console > User pools > Beta > App integration > App clients > Create app client > Public client (Don't generate a client secret)
           or: aws cognito-idp create-user-pool-client --user-pool-id us-east-1_Beta --client-name Beta-web --no-generate-secret

✖ User pool Beta (us-east-1_Beta) cannot be imported (1 problem above). Choose another one, or fix it and run the command again.

`

// betaNoIdentityPool is what picking the pool Beta, which no identity pool
// lists, prints.
const betaNoIdentityPool = `✖ user pool "Beta" (us-east-1_Beta): CognitoIdentityProviders
    found: no identity pool in region us-east-1 lists user pool us-east-1_Beta as an identity provider
    need:  an identity pool that lists cognito-idp.us-east-1.amazonaws.com/us-east-1_Beta with an app client without a secret
    fix:   add the user pool as an identity provider of an identity pool: Amazon Cognito console > Identity pools > <pool> > User access > Add identity provider > Amazon Cognito user pool (us-east-1_Beta, app client 3betaclient)

✖ User pool Beta (us-east-1_Beta) cannot be imported (1 problem above). Choose another one, or fix it and run the command again.

`

var askSame = asked{Kind: "confirm", Title: titleSame, Default: "yes"}

// chooseCase is the one shape of every Chooser test.
type chooseCase struct {
	name        string
	interactive bool
	req         Request
	disc        fakeDiscovery
	answers     []answer
	want        cognito.Selection // compared only when wantCode is 0
	wantCode    int               // exit code of the error; 0 means success
	wantErr     []string          // substrings of the error message and hint
	wantCalls   []string
	wantAsked   []asked
	wantLog     string
	// noIdentityPool is Chooser.NoIdentityPool (import's way out).
	noIdentityPool string
	// noLister leaves Chooser.Lister unset: no listing during the first
	// question (a Discovery that draws a status line, env add).
	noLister bool
}

func onePool(clients ...cognito.AppClient) map[string][]cognito.AppClient {
	return map[string][]cognito.AppClient{testPoolID: clients}
}

func poolOnly(mode Mode) Request {
	return Request{Region: selRegion, Mode: mode, Selection: cognito.Selection{UserPoolID: testPoolID}}
}

var chooseCases = []chooseCase{
	{
		name:     "no terminal and no pool id names the flag without discovery",
		req:      Request{Region: selRegion},
		disc:     fakeDiscovery{pools: []cognito.PoolSummary{{ID: testPoolID, Name: "acme"}}},
		wantCode: exit.Usage,
		wantErr:  []string{"missing --user-pool-id", "pass --user-pool-id", "--headless"},
	},
	{
		name: "all ids given: no discovery, no prompt",
		req: Request{Region: selRegion, Selection: cognito.Selection{
			UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: testIPID}},
		want: cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: testIPID},
	},
	{
		name:        "all ids given on a terminal: no discovery, no prompt",
		interactive: true,
		req: Request{Region: selRegion, Selection: cognito.Selection{
			UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: testIPID}},
		want: cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: testIPID},
	},
	{
		name:        "user pool only with all client ids on a terminal: no discovery, no prompt",
		interactive: true,
		req: Request{Region: selRegion, Mode: ModeUserPoolOnly, Selection: cognito.Selection{
			UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID}},
		want: cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID},
	},
	{
		name: "headless web client id only: native defaults to web, no discovery",
		req: Request{Region: selRegion, Mode: ModeUserPoolOnly, Selection: cognito.Selection{
			UserPoolID: testPoolID, WebClientID: testWebID}},
		want: cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testWebID},
	},
	{
		name: "pool id only without terminal: single web client and identity pool auto-selected",
		req:  Request{Region: selRegion, Selection: cognito.Selection{UserPoolID: testPoolID}},
		disc: fakeDiscovery{
			clients:       onePool(selNative, selWeb),
			identityPools: []cognito.IdentityPool{ipForeign, ipBoth},
		},
		want:      cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testWebID, IdentityPoolID: testIPID},
		wantCalls: []string{"Clients " + testPoolID, "LinkedIdentityPools us-east-1 " + testPoolID},
		wantLog:   logOneWeb + logOneIP,
	},
	{
		name:     "several web clients without terminal list the candidates",
		req:      poolOnly(ModeAsk),
		disc:     fakeDiscovery{clients: onePool(selWeb2, selNative, selWeb)},
		wantCode: exit.Usage,
		wantErr: []string{"missing --web-client-id: 2 app clients qualify",
			"pass --web-client-id", "candidates: " + labelWeb + ", " + labelWeb2},
		wantCalls: []string{"Clients " + testPoolID},
	},
	{
		name: "several identity pools without terminal list the candidates",
		req:  poolOnly(ModeAsk),
		disc: fakeDiscovery{
			clients:       onePool(selWeb),
			identityPools: []cognito.IdentityPool{ipBoth2, ipBoth},
		},
		wantCode: exit.Usage,
		wantErr: []string{"missing --identity-pool-id: 2 identity pools list user pool " + testPoolID,
			"pass --identity-pool-id with one of: " + labelIPBoth + ", " + labelIPBoth2},
		wantCalls: []string{"Clients " + testPoolID, "LinkedIdentityPools us-east-1 " + testPoolID},
		wantLog:   logOneWeb,
	},
	{
		name:     "no web client is a requirements error with a fix",
		req:      poolOnly(ModeUserPoolOnly),
		disc:     fakeDiscovery{clients: onePool(selNative)},
		wantCode: exit.Requirements,
		wantErr: []string{"user pool " + testPoolID + " has no app client without a client secret",
			"--no-generate-secret"},
		wantCalls: []string{"Clients " + testPoolID},
	},
	{
		name:        "interactive walk: mode, pool, web, native and identity pool",
		interactive: true,
		req:         Request{Region: selRegion},
		disc: fakeDiscovery{
			pools: []cognito.PoolSummary{
				{ID: "us-east-1_Zeta", Name: "zeta"}, {ID: testPoolID, Name: "acme"}, {ID: "us-east-1_Beta", Name: "Beta"},
			},
			clients:       onePool(selWeb2, selAdmin, selWeb, selNative),
			identityPools: []cognito.IdentityPool{ipBoth2, ipWebOnly, ipForeign, ipBoth},
		},
		answers: []answer{pick(modeBoth), pick(testPoolID), pick(testWebID), pick(testNativeID), pick(selIP3ID)},
		want:    cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: selIP3ID},
		wantCalls: []string{"ListPools us-east-1", "Clients " + testPoolID,
			"LinkedIdentityPools us-east-1 " + testPoolID},
		wantAsked: []asked{
			askMode,
			{Kind: "select", Title: titlePool, Filter: true,
				Options: []string{"acme (" + testPoolID + ")", "Beta (us-east-1_Beta)", "zeta (us-east-1_Zeta)"},
				Values:  []string{testPoolID, "us-east-1_Beta", "us-east-1_Zeta"}},
			askWeb,
			askNative,
			// Only the pools that list both chosen clients are offered.
			{Kind: "select", Title: titleIP, Filter: true,
				Options: []string{labelIPBoth, labelIPBoth2}, Values: []string{testIPID, selIP3ID}},
		},
	},
	{
		name:        "interactive user pool only: no identity pool discovery",
		interactive: true,
		req:         Request{Region: selRegion},
		disc: fakeDiscovery{
			pools:   []cognito.PoolSummary{{ID: testPoolID, Name: "acme"}},
			clients: onePool(selWeb, selNative),
		},
		answers:   []answer{pick(modeOnly), pick(testNativeID)},
		want:      cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID},
		wantCalls: []string{"ListPools us-east-1", "Clients " + testPoolID},
		wantAsked: []asked{askMode, {Kind: "select", Title: titleNative, Filter: true,
			Options: []string{labelNative, labelWeb}, Values: []string{testNativeID, testWebID}}},
		wantLog: "✔ Only one Cognito User Pool (" + testPoolID + ") found and it was automatically selected.\n" + logOneWeb,
	},
	{
		name:        "interactive pool with one client: native auto-selected with a warning",
		interactive: true,
		req:         poolOnly(ModeUserPoolOnly),
		disc:        fakeDiscovery{clients: onePool(selWeb)},
		want:        cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testWebID},
		wantCalls:   []string{"Clients " + testPoolID},
		wantLog: logOneWeb + "✔ Only one Native app client found: 'acme-web' was automatically selected.\n" +
			"⚠ It is recommended to use different app clients for web and native applications.\n",
	},
	{
		name:        "interactive web client given by flag: only native is asked",
		interactive: true,
		req: Request{Region: selRegion, Mode: ModeUserPoolOnly, Selection: cognito.Selection{
			UserPoolID: testPoolID, WebClientID: selWeb2ID}},
		disc:      fakeDiscovery{clients: onePool(selWeb2, selAdmin, selWeb, selNative)},
		answers:   []answer{pick(testAdminID)},
		want:      cognito.Selection{UserPoolID: testPoolID, WebClientID: selWeb2ID, NativeClientID: testAdminID},
		wantCalls: []string{"Clients " + testPoolID},
		wantAsked: []asked{askNative},
	},
	{
		// The Amplify CLI re-asks both clients here (cli#7949).
		name:        "same client for web and native: confirm, then only native is asked again",
		interactive: true,
		req:         poolOnly(ModeUserPoolOnly),
		disc:        fakeDiscovery{clients: onePool(selWeb2, selAdmin, selWeb, selNative)},
		answers:     []answer{pick(testWebID), pick(testWebID), confirm(true), pick(testNativeID)},
		want:        cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID},
		wantCalls:   []string{"Clients " + testPoolID},
		wantAsked:   []asked{askWeb, askNative, askSame, askNative},
	},
	{
		name:        "same client for web and native kept when the user says no",
		interactive: true,
		req:         poolOnly(ModeUserPoolOnly),
		disc:        fakeDiscovery{clients: onePool(selWeb2, selAdmin, selWeb, selNative)},
		answers:     []answer{pick(testWebID), pick(testWebID), confirm(false)},
		want:        cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testWebID},
		wantCalls:   []string{"Clients " + testPoolID},
		wantAsked:   []asked{askWeb, askNative, askSame},
	},
	{
		name:        "one of several linked identity pools lists both clients: auto-selected",
		interactive: true,
		req:         poolOnly(ModeIdentityPool),
		disc: fakeDiscovery{
			clients:       onePool(selWeb, selNative),
			identityPools: []cognito.IdentityPool{ipWebOnly, ipBoth},
		},
		answers:   []answer{pick(testNativeID)},
		want:      cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID, IdentityPoolID: testIPID},
		wantCalls: []string{"Clients " + testPoolID, "LinkedIdentityPools us-east-1 " + testPoolID},
		wantAsked: []asked{{Kind: "select", Title: titleNative, Filter: true,
			Options: []string{labelNative, labelWeb}, Values: []string{testNativeID, testWebID}}},
		wantLog: logOneWeb + logOneIP,
	},
	{
		name:        "no linked identity pool lists both clients: every linked one is offered",
		interactive: true,
		req: Request{Region: selRegion, Mode: ModeIdentityPool, Selection: cognito.Selection{
			UserPoolID: testPoolID, WebClientID: selWeb2ID, NativeClientID: testAdminID}},
		disc:    fakeDiscovery{identityPools: []cognito.IdentityPool{ipWebOnly, ipForeign, ipBoth}},
		answers: []answer{pick(selIP2ID)},
		want: cognito.Selection{UserPoolID: testPoolID, WebClientID: selWeb2ID, NativeClientID: testAdminID,
			IdentityPoolID: selIP2ID},
		wantCalls: []string{"LinkedIdentityPools us-east-1 " + testPoolID},
		wantAsked: []asked{{Kind: "select", Title: titleIP, Filter: true,
			Options: []string{labelIPBoth, "acme_web_only (" + selIP2ID + ")"}, Values: []string{testIPID, selIP2ID}}},
	},
	{
		name:        "no user pool in the region",
		interactive: true,
		req:         Request{Region: selRegion, Mode: ModeUserPoolOnly},
		wantCode:    exit.Requirements,
		wantErr:     []string{"no Cognito user pools were found in region us-east-1", "--region"},
		wantCalls:   []string{"ListPools us-east-1"},
	},
	{
		name:        "no identity pool links the user pool",
		interactive: true,
		req:         poolOnly(ModeIdentityPool),
		disc: fakeDiscovery{
			clients:       onePool(selWeb),
			identityPools: []cognito.IdentityPool{ipForeign},
		},
		noIdentityPool: "or import with --user-pool-only",
		wantCode:       exit.Requirements,
		wantErr: []string{"no identity pool in region us-east-1 lists user pool " + testPoolID + " as an identity provider",
			"Add identity provider", "; or import with --user-pool-only"},
		wantCalls: []string{"Clients " + testPoolID, "LinkedIdentityPools us-east-1 " + testPoolID},
		wantLog: logOneWeb + "✔ Only one Native app client found: 'acme-web' was automatically selected.\n" +
			"⚠ It is recommended to use different app clients for web and native applications.\n",
	},
	{
		name:        "user pool only with an identity pool id is a usage error",
		interactive: true,
		req: Request{Region: selRegion, Mode: ModeUserPoolOnly, Selection: cognito.Selection{
			UserPoolID: testPoolID, IdentityPoolID: testIPID}},
		wantCode: exit.Usage,
		wantErr:  []string{"--user-pool-only and --identity-pool-id exclude each other"},
	},
	{
		// The pools are listed while the first question shows (issue 16).
		name:        "cancelled mode question",
		interactive: true,
		req:         Request{Region: selRegion},
		answers:     []answer{cancelled("select")},
		wantCode:    exit.Interrupted,
		wantErr:     []string{"cancelled"},
		wantCalls:   []string{"ListPools us-east-1"},
		wantAsked:   []asked{askMode},
	},
	{
		name:        "cancelled mode question without a Lister lists nothing",
		interactive: true,
		noLister:    true,
		req:         Request{Region: selRegion},
		answers:     []answer{cancelled("select")},
		wantCode:    exit.Interrupted,
		wantErr:     []string{"cancelled"},
		wantAsked:   []asked{askMode},
	},
	{
		name:        "a pool without a web client is marked and the list shown again",
		interactive: true,
		req:         Request{Region: selRegion, Mode: ModeUserPoolOnly},
		disc: fakeDiscovery{
			pools: []cognito.PoolSummary{{ID: "us-east-1_Beta", Name: "Beta"}, {ID: testPoolID, Name: "acme"}},
			clients: map[string][]cognito.AppClient{testPoolID: {selWeb, selNative},
				"us-east-1_Beta": {{ID: "3betaclient", Name: "beta-native", UserPoolID: "us-east-1_Beta", HasSecret: true}}},
		},
		answers:   []answer{pick("us-east-1_Beta"), pick("us-east-1_Beta"), pick(testPoolID), pick(testNativeID)},
		want:      cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testNativeID},
		wantCalls: []string{"ListPools us-east-1", "Clients us-east-1_Beta", "Clients " + testPoolID},
		wantAsked: []asked{askPools(), askPools(markBeta), askPools(markBeta),
			{Kind: "select", Title: titleNative, Filter: true,
				Options: []string{labelNative, labelWeb}, Values: []string{testNativeID, testWebID}}},
		wantLog: betaFindings + betaFindings + logOneWeb,
	},
	{
		name:        "a pool that no identity pool lists is marked in identity pool mode",
		interactive: true,
		req:         Request{Region: selRegion, Mode: ModeIdentityPool},
		disc: fakeDiscovery{
			pools: []cognito.PoolSummary{{ID: "us-east-1_Beta", Name: "Beta"}, {ID: testPoolID, Name: "acme"}},
			clients: map[string][]cognito.AppClient{testPoolID: {selWeb},
				"us-east-1_Beta": {{ID: "3betaclient", Name: "beta-web", UserPoolID: "us-east-1_Beta"}}},
			identityPools: []cognito.IdentityPool{ipBoth},
		},
		answers: []answer{pick("us-east-1_Beta"), pick(testPoolID)},
		want:    cognito.Selection{UserPoolID: testPoolID, WebClientID: testWebID, NativeClientID: testWebID, IdentityPoolID: testIPID},
		wantCalls: []string{"ListPools us-east-1", "Clients us-east-1_Beta", "LinkedIdentityPools us-east-1 us-east-1_Beta",
			"Clients " + testPoolID, "LinkedIdentityPools us-east-1 " + testPoolID},
		wantAsked: []asked{askPools(), askPools("  ✖ no identity pool lists it")},
		wantLog: betaNoIdentityPool + logOneWeb + "✔ Only one Native app client found: 'acme-web' was automatically selected.\n" +
			"⚠ It is recommended to use different app clients for web and native applications.\n" + logOneIP,
	},
	{
		name:        "cancelled pool list",
		interactive: true,
		req:         Request{Region: selRegion, Mode: ModeUserPoolOnly},
		disc: fakeDiscovery{pools: []cognito.PoolSummary{
			{ID: testPoolID, Name: "acme"}, {ID: "us-east-1_Beta", Name: "Beta"}}},
		answers:   []answer{cancelled("select")},
		wantCode:  exit.Interrupted,
		wantErr:   []string{"cancelled"},
		wantCalls: []string{"ListPools us-east-1"},
		wantAsked: []asked{{Kind: "select", Title: titlePool, Filter: true,
			Options: []string{"acme (" + testPoolID + ")", "Beta (us-east-1_Beta)"},
			Values:  []string{testPoolID, "us-east-1_Beta"}}},
	},
	{
		name:        "cancelled same-client confirmation",
		interactive: true,
		req:         poolOnly(ModeUserPoolOnly),
		disc:        fakeDiscovery{clients: onePool(selWeb2, selAdmin, selWeb, selNative)},
		answers:     []answer{pick(testWebID), pick(testWebID), cancelled("confirm")},
		wantCode:    exit.Interrupted,
		wantErr:     []string{"cancelled"},
		wantCalls:   []string{"Clients " + testPoolID},
		wantAsked:   []asked{askWeb, askNative, askSame},
	},
	{
		name:        "discovery error is returned as it is",
		interactive: true,
		req:         Request{Region: selRegion, Mode: ModeUserPoolOnly},
		disc:        fakeDiscovery{err: errors.New("list user pools in us-east-1: boom")},
		wantCode:    exit.Failure,
		wantErr:     []string{"list user pools in us-east-1: boom"},
		wantCalls:   []string{"ListPools us-east-1"},
	},
}

func TestChoose(t *testing.T) {
	for _, tc := range chooseCases {
		t.Run(tc.name, func(t *testing.T) {
			disc := tc.disc
			p := &scriptedPrompter{t: t, interactive: tc.interactive, answers: tc.answers}
			var log strings.Builder
			c := &Chooser{Discovery: &disc, Lister: &disc, Prompter: p, Log: &log, NoIdentityPool: tc.noIdentityPool}
			if tc.noLister {
				c.Lister = nil
			}

			got, err := c.Choose(context.Background(), tc.req)

			if code := exit.Code(err); code != tc.wantCode {
				t.Errorf("exit code %d, want %d (err: %v)", code, tc.wantCode, err)
			}
			if err == nil && tc.wantCode == 0 {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("selection mismatch (-want +got):\n%s", diff)
				}
			}
			msg := fmt.Sprintf("%v\nhint: %s", err, exit.Hint(err))
			for _, s := range tc.wantErr {
				if !strings.Contains(msg, s) {
					t.Errorf("error does not mention %q:\n%s", s, msg)
				}
			}
			if diff := cmp.Diff(tc.wantCalls, disc.calls, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("discovery calls mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantAsked, p.asked, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("questions mismatch (-want +got):\n%s", diff)
			}
			if len(p.answers) > 0 {
				t.Errorf("%d scripted answers left unused", len(p.answers))
			}
			if got := log.String(); got != tc.wantLog {
				t.Errorf("log mismatch:\ngot:\n%s\nwant:\n%s", got, tc.wantLog)
			}
		})
	}
}

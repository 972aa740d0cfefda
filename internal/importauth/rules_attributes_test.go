package importauth

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
)

func TestCheckAttributes(t *testing.T) { runRuleCases(t, Check, attributeRuleCases) }

var emailRequired = []cognito.Attribute{
	{Name: "sub", Required: true, Mutable: false}, // every pool has it; never judged
	{Name: "email", Required: true, Mutable: true},
	{Name: "name", Required: false, Mutable: false},
}

var attributeRuleCases = []ruleCase{
	{name: "required attribute mutable and writable by default", mutate: func(s *cognito.Snapshot) {
		s.Pool.Attributes = emailRequired
	}},
	{name: "required attribute immutable while clients use Google", mutate: func(s *cognito.Snapshot) {
		s.Pool.Attributes = []cognito.Attribute{{Name: "email", Required: true, Mutable: false}}
	}, want: []gotFinding{warnAt(RuleRequiredAttributes, resPool, "SchemaAttributes.Mutable")}},
	{name: "web client may not write a required attribute", mutate: func(s *cognito.Snapshot) {
		s.Pool.Attributes = emailRequired
		fixtureClient(s, testWebID).WriteAttributes = []string{"name", "picture"}
	}, want: []gotFinding{warnAt(RuleRequiredAttributes, resWeb, "WriteAttributes")}},
	{name: "write list with every required attribute", mutate: func(s *cognito.Snapshot) {
		s.Pool.Attributes = emailRequired
		fixtureClient(s, testNativeID).WriteAttributes = []string{"email", "name"}
	}},
	{name: "immutable and not writable: both reported", mutate: func(s *cognito.Snapshot) {
		s.Pool.Attributes = []cognito.Attribute{{Name: "email", Required: true}, {Name: "phone_number", Required: true, Mutable: true}}
		fixtureClient(s, testNativeID).WriteAttributes = []string{"email"}
	}, want: []gotFinding{
		warnAt(RuleRequiredAttributes, resPool, "SchemaAttributes.Mutable"),
		warnAt(RuleRequiredAttributes, resNative, "WriteAttributes"),
	}},
	{name: "no identity providers: nothing is federated", mutate: func(s *cognito.Snapshot) {
		s.Pool.Attributes = []cognito.Attribute{{Name: "email", Required: true}}
		s.IdentityProviders = nil
	}},
	{name: "chosen clients sign in with COGNITO only", mutate: func(s *cognito.Snapshot) {
		s.Pool.Attributes = []cognito.Attribute{{Name: "email", Required: true}}
		fixtureClient(s, testWebID).SupportedIdentityProviders = []string{"COGNITO"}
		fixtureClient(s, testNativeID).SupportedIdentityProviders = []string{"COGNITO"}
	}},
}

func TestAliasAttributesUnset(t *testing.T) {
	runRuleCases(t, AliasAttributesUnset, []ruleCase{
		{name: "username attributes are fine"},
		{name: "alias attributes", mutate: func(s *cognito.Snapshot) {
			s.Pool.AliasAttributes = []string{"email", "preferred_username"}
		}, want: []gotFinding{warnAt(RuleAliasAttributes, resPool, "AliasAttributes")}},
	})
}

func TestPoolDomainForProviders(t *testing.T) {
	runRuleCases(t, PoolDomainForProviders, []ruleCase{
		{name: "domain and providers"},
		{name: "custom domain only", mutate: func(s *cognito.Snapshot) {
			s.Pool.Domain, s.Pool.CustomDomain = "", "auth.acme.com"
		}},
		{name: "no providers, no domain", mutate: func(s *cognito.Snapshot) {
			s.Pool.Domain, s.IdentityProviders = "", nil
		}},
		{name: "providers without a domain", mutate: func(s *cognito.Snapshot) {
			s.Pool.Domain = ""
		}, want: []gotFinding{warnAt(RuleHostedUIDomain, resPool, "Domain")}},
	})
}

func TestGuestAccess(t *testing.T) {
	guestOff := func(s *cognito.Snapshot) { s.IdentityPool.AllowUnauthenticated = false }
	runRuleCases(t, GuestAccess(nil), []ruleCase{
		{name: "guest access on"},
		{name: "user pool only", mutate: func(s *cognito.Snapshot) { s.IdentityPool = nil }},
		{name: "guest access off, nothing needs it", mutate: guestOff,
			want: []gotFinding{{Rule: RuleGuestAccess, Severity: SeverityInfo, Resource: resIP, Field: "AllowUnauthenticatedIdentities"}}},
	})
	runRuleCases(t, GuestAccess([]string{"storage/photos"}), []ruleCase{
		{name: "guest access off, storage needs it", mutate: guestOff,
			want: []gotFinding{errAt(RuleGuestAccess, resIP, "AllowUnauthenticatedIdentities")}},
	})
}

func TestInfos(t *testing.T) {
	fs := Findings{{Severity: SeverityError}, {Severity: SeverityInfo, Rule: "a"}, {Severity: SeverityWarning}}
	if got := fs.Infos(); len(got) != 1 || got[0].Rule != "a" {
		t.Errorf("Infos() = %+v", got)
	}
	if len(fs.Errors()) != 1 || len(fs.Warnings()) != 1 {
		t.Errorf("info findings leak into Errors or Warnings")
	}
}

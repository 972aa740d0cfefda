package importauth

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/google/go-cmp/cmp"
)

func TestEligibleWebClients(t *testing.T) {
	s := goodSnapshot()
	var ids []string
	for _, c := range EligibleWebClients(s.Clients) {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{testWebID}, ids); diff != "" {
		t.Errorf("EligibleWebClients mismatch (-want +got):\n%s", diff)
	}
	if got := EligibleWebClients(nil); got != nil {
		t.Errorf("EligibleWebClients(nil) = %v, want nil", got)
	}
}

func TestIdentityPoolLinks(t *testing.T) {
	ip := &cognito.IdentityPool{CognitoProviders: []cognito.CognitoProvider{
		{ProviderName: testProvider, ClientID: testWebID},
		{ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other", ClientID: "otherclient"},
		// A pool id that merely ends like ours must not match.
		{ProviderName: "cognito-idp.us-east-1.amazonaws.com/xus-east-1_AbCdEf123", ClientID: "x"},
		{ProviderName: wrongRegionProvider, ClientID: testNativeID},
	}}
	want := []cognito.CognitoProvider{
		{ProviderName: testProvider, ClientID: testWebID},
		{ProviderName: wrongRegionProvider, ClientID: testNativeID},
	}
	if diff := cmp.Diff(want, IdentityPoolLinks(ip, testPoolID)); diff != "" {
		t.Errorf("IdentityPoolLinks mismatch (-want +got):\n%s", diff)
	}
	if got := IdentityPoolLinks(nil, testPoolID); got != nil {
		t.Errorf("IdentityPoolLinks(nil) = %v, want nil", got)
	}
	tests := []struct {
		name, clientID string
		want           bool
	}{
		{"listed", testWebID, true},
		{"listed under the wrong region", testNativeID, false},
		{"listed for another pool", "otherclient", false},
		{"not listed", testAdminID, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := LinksClient(ip, testPoolID, tc.clientID); got != tc.want {
				t.Errorf("LinksClient(%s) = %v, want %v", tc.clientID, got, tc.want)
			}
		})
	}
	if LinksClient(nil, testPoolID, testWebID) {
		t.Error("LinksClient(nil ip) = true, want false")
	}
	// issue 17: a pool id that names no region (cognito-local's) links
	// nothing, even under a provider name built from its loose prefix.
	local := &cognito.IdentityPool{CognitoProviders: []cognito.CognitoProvider{
		{ProviderName: "cognito-idp.local.amazonaws.com/local_abc", ClientID: testWebID}}}
	if LinksClient(local, "local_abc", testWebID) {
		t.Error("LinksClient(local_abc) = true, want false")
	}
}

func TestProviderName(t *testing.T) {
	if got := ProviderName("eu-west-1", "eu-west-1_abc"); got != "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc" {
		t.Errorf("ProviderName = %q", got)
	}
}

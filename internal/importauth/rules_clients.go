package importauth

import (
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
)

// ChosenClientsExist reports chosen web or native client ids that are not app
// clients of the pool (a typo in --web-client-id, a client of another pool, a
// deleted client). A client chosen as both web and native gives one finding.
func ChosenClientsExist(s *cognito.Snapshot) Findings {
	var out Findings
	add := func(id, role, field string) {
		out = append(out, Finding{
			Rule:     RuleClientNotFound,
			Severity: SeverityError,
			Resource: poolResource(s.Pool),
			Field:    field,
			Found:    fmt.Sprintf("%s (chosen as %s client), not an app client of this user pool", id, role),
			Need:     "the id of an app client of " + poolResource(s.Pool),
			Fix:      listClientsFix(s.Pool),
		})
	}
	webMissing := s.WebClientID != "" && s.Client(s.WebClientID) == nil
	nativeMissing := s.NativeClientID != "" && s.Client(s.NativeClientID) == nil
	switch {
	case webMissing && s.NativeClientID == s.WebClientID:
		add(s.WebClientID, "web and native", "WebClientId, NativeClientId")
		return out
	case webMissing:
		add(s.WebClientID, "web", "WebClientId")
	}
	if nativeMissing {
		add(s.NativeClientID, "native", "NativeClientId")
	}
	return out
}

func listClientsFix(p cognito.UserPool) string {
	return fmt.Sprintf("list the app clients and pick one of their ids:\n"+
		"aws cognito-idp list-user-pool-clients --user-pool-id %s --query 'UserPoolClients[].[ClientName,ClientId]' --output table\n"+
		"or: Amazon Cognito console > User pools > %s > App integration > App clients",
		p.ID, p.Name)
}

// PoolHasWebClient reports a pool without any app client that has no client
// secret: such a pool has no client a browser app can use, so it cannot be
// imported. A native client may have a secret, so one secret-less client is
// all a pool needs (docs#3394).
func PoolHasWebClient(s *cognito.Snapshot) Findings {
	if len(EligibleWebClients(s.Clients)) > 0 {
		return nil
	}
	found := "no app clients"
	if len(s.Clients) > 0 {
		names := make([]string, len(s.Clients))
		for i := range s.Clients {
			names[i] = clientResource(&s.Clients[i])
		}
		found = "every app client has a client secret: " + strings.Join(names, ", ")
	}
	return Findings{{
		Rule:     RuleWebClient,
		Severity: SeverityError,
		Resource: poolResource(s.Pool),
		Field:    "ClientSecret",
		Found:    found,
		Need:     "at least one app client without a client secret (a web client)",
		Fix:      createWebClientFix(s.Pool),
	}}
}

// chosenPoolHasWebClient is PoolHasWebClient for Check, before a web client
// is chosen. Once one is chosen, WebClientHasNoSecret (or, for an id that
// is not a client of the pool, ChosenClientsExist) says what is wrong: a
// snapshot read for chosen ids need not hold every client of the pool, so
// "every app client has a client secret" could be false (issue 16).
func chosenPoolHasWebClient(s *cognito.Snapshot) Findings {
	if s.WebClientID != "" {
		return nil
	}
	return PoolHasWebClient(s)
}

// createWebClientFix says how to get a secret-less client. A secret cannot
// be removed from an existing client, so the only fix is a new client.
func createWebClientFix(p cognito.UserPool) string {
	return fmt.Sprintf("a client secret cannot be removed from an existing client; create a client without one:\n"+
		"Amazon Cognito console > User pools > %s > App integration > App clients > Create app client > "+
		"Public client (Don't generate a client secret)\n"+
		"or: aws cognito-idp create-user-pool-client --user-pool-id %s --client-name %s-web --no-generate-secret",
		p.Name, p.ID, p.Name)
}

// WebClientHasNoSecret reports a chosen web client that has a client secret.
// The native client may have one (cli PR#6404 dropped the opposite demand).
// The fix names the pool's clients without a secret that the snapshot
// holds (import reads them all for this case, see withSecretlessClients);
// only when there is none does it say to create one.
func WebClientHasNoSecret(s *cognito.Snapshot) Findings {
	c := s.Client(s.WebClientID)
	if s.WebClientID == "" || c == nil || !c.HasSecret {
		return nil
	}
	fix := createWebClientFix(s.Pool)
	if web := EligibleWebClients(s.Clients); len(web) > 0 {
		fix = useWebClientFix(web, c)
	}
	return Findings{{
		Rule:     RuleWebClient,
		Severity: SeverityError,
		Resource: clientResource(c),
		Field:    "ClientSecret",
		Found:    "set (the client has a client secret)",
		Need:     "no client secret: a web app cannot keep a secret, and Amplify web sign-in does not send one",
		Fix:      fix,
	}}
}

// useWebClientFix names the existing clients without a secret to pass as
// web client; the chosen one, which has a secret, can stay the native
// client.
func useWebClientFix(web []cognito.AppClient, chosen *cognito.AppClient) string {
	names := make([]string, len(web))
	for i := range web {
		names[i] = fmt.Sprintf("%s (%s)", web[i].ID, web[i].Name)
	}
	use := fmt.Sprintf("use --web-client-id %s, which has no client secret", names[0])
	if len(web) > 1 {
		use = "use --web-client-id with one of the app clients without a client secret: " + strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s; %s (%s) can stay the native client (--native-client-id %s)", use, chosen.Name, chosen.ID, chosen.ID)
}

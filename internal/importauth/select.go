package importauth

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// Discovery is what selection needs to read from AWS.
type Discovery interface {
	ListPools(ctx context.Context, region string) ([]cognito.PoolSummary, error)
	Clients(ctx context.Context, poolID string) ([]cognito.AppClient, error)
	LinkedIdentityPools(ctx context.Context, region, userPoolID string) ([]cognito.IdentityPool, error)
}

// Lister lists the user pools of a region.
type Lister interface {
	ListPools(ctx context.Context, region string) ([]cognito.PoolSummary, error)
}

// Mode is the kind of auth resource to import.
type Mode int

// Modes.
const (
	ModeAsk          Mode = iota // not given: ask, or default to ModeIdentityPool without a terminal
	ModeIdentityPool             // "Cognito User Pool and Identity Pool"
	ModeUserPoolOnly             // "Cognito User Pool only"
)

// Request is what the user gave on the command line.
type Request struct {
	Region string
	Mode   Mode
	cognito.Selection
	// Source, when the ids were read from a stack, a state file or an
	// outputs file (issue 15), is recorded with them for the environment.
	Source *project.AuthSource
}

// Chooser picks the resources to import: given ids are used as they are;
// missing ones are discovered, auto-selected when there is exactly one
// candidate (and said so), asked for on a terminal, and otherwise named as
// the missing flag (exit 2).
type Chooser struct {
	Discovery Discovery
	Prompter  prompt.Prompter
	Log       io.Writer // stderr
	// NoIdentityPool is the command's way out when no identity pool fits
	// ("or import with --user-pool-only"), added to that error's fix; ""
	// adds none. env add keeps the auth resource's kind and has no such
	// flag, so it names its own way (issue 16).
	NoIdentityPool string
	// Lister, when set, lists the pools while the first question is on
	// screen, so the list shows as soon as it is answered (issue 16, first
	// paint). It must draw nothing on the terminal: the plain reader, not
	// one that shows a status line, which would draw over the question.
	// Without it the pools are listed through Discovery once the question
	// is answered.
	Lister Lister

	// What was read about a pool when it was picked from the list, kept
	// for the questions that follow (no second listing of its clients).
	clients map[string][]cognito.AppClient    // by user pool id
	linked  map[string][]cognito.IdentityPool // by user pool id
}

// Choose returns the complete selection.
func (c *Chooser) Choose(ctx context.Context, req Request) (sel cognito.Selection, err error) {
	sel = req.Selection
	var pools *listing
	if sel.UserPoolID == "" && c.Prompter.Interactive() && c.Lister != nil {
		pools = startListing(ctx, c.Lister, req.Region)
		defer pools.stop()
	}
	mode, err := c.mode(req)
	if err != nil {
		return sel, err
	}
	if sel.UserPoolID == "" {
		if sel.UserPoolID, err = c.choosePool(ctx, req.Region, mode, pools); err != nil {
			return sel, err
		}
	}
	if sel.WebClientID == "" || (sel.NativeClientID == "" && c.Prompter.Interactive()) {
		if err := c.chooseClients(ctx, &sel); err != nil {
			return sel, err
		}
	}
	sel = withNativeDefault(sel) // headless: the web client serves native apps too
	if mode == ModeIdentityPool && sel.IdentityPoolID == "" {
		if sel.IdentityPoolID, err = c.chooseIdentityPool(ctx, req.Region, sel); err != nil {
			return sel, err
		}
	}
	return sel, nil
}

func (c *Chooser) mode(req Request) (Mode, error) {
	switch {
	case req.Mode == ModeUserPoolOnly && req.IdentityPoolID != "":
		return 0, exit.UsageErrorf("pass either --user-pool-only or --identity-pool-id", "--user-pool-only and --identity-pool-id exclude each other")
	case req.Mode != ModeAsk:
		return req.Mode, nil
	case req.IdentityPoolID != "" || !c.Prompter.Interactive():
		return ModeIdentityPool, nil
	}
	const both, only = "Cognito User Pool and Identity Pool", "Cognito User Pool only"
	v, err := c.Prompter.Select("What type of auth resource do you want to import?",
		[]prompt.Option{{Label: both, Value: both}, {Label: only, Value: only}}, false)
	if err != nil {
		return 0, promptErr(err, "--user-pool-only")
	}
	if v == only {
		return ModeUserPoolOnly, nil
	}
	return ModeIdentityPool, nil
}

// choosePool asks for the user pool. A picked pool is checked with the rules
// that need no chosen client (CheckPool; for ModeIdentityPool also whether
// an identity pool lists it); one that cannot be imported gets its
// findings printed and its reason marked in the list, which is shown again
// (issue 16). The check reads the picked pool only, so the list shows as
// soon as the pools are listed, however many there are.
func (c *Chooser) choosePool(ctx context.Context, region string, mode Mode, listed *listing) (string, error) {
	if !c.Prompter.Interactive() {
		return "", exit.UsageErrorf("pass --user-pool-id (list pools with `aws cognito-idp list-user-pools --max-results 60`), or pipe the Amplify headless JSON into `ampgo import auth --headless`",
			"missing --user-pool-id: no terminal to choose a user pool on")
	}
	var pools []cognito.PoolSummary
	var err error
	if listed != nil {
		pools, err = listed.wait(ctx)
	} else {
		pools, err = c.Discovery.ListPools(ctx, region)
	}
	if err != nil {
		return "", err
	}
	switch len(pools) {
	case 0:
		return "", exit.RequirementsErrorf("check the region (--region, AWS_REGION) and the profile; create a user pool in the Amazon Cognito console > User pools > Create user pool",
			"no Cognito user pools were found in region %s", region)
	case 1:
		fmt.Fprintf(c.Log, "✔ Only one Cognito User Pool (%s) found and it was automatically selected.\n", pools[0].ID)
		return pools[0].ID, nil
	}
	marks := map[string]string{} // pool id -> why it cannot be imported
	for {
		v, err := prompt.Choose(c.Prompter, prompt.Choice{Title: "Select the User Pool you want to import:",
			Options: poolOptions(pools, marks), Filter: true, Noun: "user pool"})
		if err != nil {
			return "", promptErr(err, "--user-pool-id")
		}
		p := poolByID(pools, v)
		fs, err := c.checkPool(ctx, region, mode, p)
		if err != nil {
			return "", err
		}
		errs := fs.Errors()
		if len(errs) == 0 {
			return v, nil
		}
		WriteFindings(c.Log, errs)
		fmt.Fprintf(c.Log, "✖ User pool %s (%s) cannot be imported (%d %s above). Choose another one, or fix it and run the command again.\n\n",
			p.Name, p.ID, len(errs), plural(len(errs), "problem"))
		marks[v] = reason(errs)
	}
}

func poolOptions(pools []cognito.PoolSummary, marks map[string]string) []prompt.Option {
	opts := make([]prompt.Option, len(pools))
	for i, p := range pools {
		label := fmt.Sprintf("%s (%s)", p.Name, p.ID)
		if why, ok := marks[p.ID]; ok {
			label += "  ✖ " + why
		}
		opts[i] = prompt.Option{Label: label, Value: p.ID}
	}
	sortOptions(opts)
	return opts
}

func poolByID(pools []cognito.PoolSummary, id string) cognito.PoolSummary {
	for _, p := range pools {
		if p.ID == id {
			return p
		}
	}
	return cognito.PoolSummary{ID: id}
}

func (c *Chooser) chooseClients(ctx context.Context, sel *cognito.Selection) error {
	clients, err := c.poolClients(ctx, sel.UserPoolID)
	if err != nil {
		return err
	}
	if sel.WebClientID == "" {
		if sel.WebClientID, err = c.pickWeb(sel.UserPoolID, clients); err != nil {
			return err
		}
	}
	if sel.NativeClientID == "" && c.Prompter.Interactive() {
		sel.NativeClientID, err = c.pickNative(clients, sel.WebClientID)
	}
	return err
}

func (c *Chooser) pickWeb(poolID string, clients []cognito.AppClient) (string, error) {
	web := EligibleWebClients(clients)
	switch len(web) {
	case 0:
		return "", exit.RequirementsErrorf(fmt.Sprintf("create one: `aws cognito-idp create-user-pool-client --user-pool-id %s --client-name web --no-generate-secret`, or Amazon Cognito console > User pools > %s > App integration > App clients > Create app client (public client)", poolID, poolID),
			"user pool %s has no app client without a client secret (a web app client)", poolID)
	case 1:
		fmt.Fprintf(c.Log, "✔ Only one Web app client found: '%s' was automatically selected.\n", web[0].Name)
		return web[0].ID, nil
	}
	if !c.Prompter.Interactive() {
		return "", missing("--web-client-id", "the app client without a secret that your web app uses", web)
	}
	v, err := c.Prompter.Select("Select a Web client to import:", clientOptions(web, false), true)
	return v, promptErr(err, "--web-client-id")
}

func (c *Chooser) pickNative(clients []cognito.AppClient, webID string) (string, error) {
	if len(clients) == 1 {
		fmt.Fprintf(c.Log, "✔ Only one Native app client found: '%s' was automatically selected.\n", clients[0].Name)
		fmt.Fprintln(c.Log, "⚠ It is recommended to use different app clients for web and native applications.")
		return clients[0].ID, nil
	}
	for {
		v, err := c.Prompter.Select("Select a Native client to import:", clientOptions(clients, true), true)
		if err != nil {
			return "", promptErr(err, "--native-client-id")
		}
		if v != webID {
			return v, nil
		}
		// The Amplify CLI re-asks both clients here and can loop forever
		// (cli#7949); ampgo re-asks the native client only.
		change, err := c.Prompter.Confirm("You chose the same app client for web and native apps; different clients are recommended. Choose another native client?", true)
		if err != nil {
			return "", promptErr(err, "--native-client-id")
		}
		if !change {
			return v, nil
		}
	}
}

func (c *Chooser) chooseIdentityPool(ctx context.Context, region string, sel cognito.Selection) (string, error) {
	linked, err := c.linkedPools(ctx, region, sel.UserPoolID)
	if err != nil {
		return "", err
	}
	// Prefer identity pools that list both chosen clients (the Amplify CLI
	// means to narrow by the chosen clients but never does, cli F17). When
	// none does, offer the linked ones and let the rules say what to fix.
	var both []cognito.IdentityPool
	for _, ip := range linked {
		if LinksClient(&ip, sel.UserPoolID, sel.WebClientID) && LinksClient(&ip, sel.UserPoolID, sel.NativeClientID) {
			both = append(both, ip)
		}
	}
	if len(both) > 0 {
		linked = both
	}
	switch len(linked) {
	case 0:
		f := noLinkedIdentityPool(region, cognito.UserPool{ID: sel.UserPoolID}, sel.WebClientID)
		fix := f.Fix
		if c.NoIdentityPool != "" {
			fix += "; " + c.NoIdentityPool
		}
		return "", exit.RequirementsErrorf(fix, "%s", f.Found)
	case 1:
		fmt.Fprintf(c.Log, "✔ Only one Identity Pool resource found: '%s' (%s) was automatically selected.\n", linked[0].Name, linked[0].ID)
		return linked[0].ID, nil
	}
	opts := make([]prompt.Option, len(linked))
	for i, ip := range linked {
		opts[i] = prompt.Option{Label: fmt.Sprintf("%s (%s)", ip.Name, ip.ID), Value: ip.ID}
	}
	sortOptions(opts)
	if !c.Prompter.Interactive() {
		return "", exit.UsageErrorf("pass --identity-pool-id with one of: "+labels(opts), "missing --identity-pool-id: %d identity pools list user pool %s", len(opts), sel.UserPoolID)
	}
	v, err := c.Prompter.Select("Select the Identity Pool you want to import:", opts, true)
	return v, promptErr(err, "--identity-pool-id")
}

func clientOptions(clients []cognito.AppClient, markSecret bool) []prompt.Option {
	opts := make([]prompt.Option, len(clients))
	for i, cl := range clients {
		label := fmt.Sprintf("%s (%s)", cl.Name, cl.ID)
		if markSecret && cl.HasSecret {
			label += " (has app client secret)"
		}
		opts[i] = prompt.Option{Label: label, Value: cl.ID}
	}
	sortOptions(opts)
	return opts
}

func sortOptions(opts []prompt.Option) {
	sort.SliceStable(opts, func(i, j int) bool { return strings.ToLower(opts[i].Label) < strings.ToLower(opts[j].Label) })
}

func labels(opts []prompt.Option) string {
	ls := make([]string, len(opts))
	for i, o := range opts {
		ls[i] = o.Label
	}
	return strings.Join(ls, ", ")
}

func missing(flag, what string, clients []cognito.AppClient) error {
	opts := clientOptions(clients, false)
	return exit.UsageErrorf(fmt.Sprintf("pass %s (%s); candidates: %s", flag, what, labels(opts)),
		"missing %s: %d app clients qualify", flag, len(clients))
}

// promptErr names the flag to pass when ampgo could not ask.
func promptErr(err error, flag string) error { return prompt.AsExitError(err, flag) }

package envs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// withIdentityPool reports whether the project's auth resource includes an
// identity pool. Every environment keeps the kind recorded in
// parameters.json (committed), as the Amplify CLI does: storage and
// functions depend on the identity pool's roles.
func withIdentityPool(a *project.ImportedAuth) bool {
	switch a.Parameters.AuthSelections {
	case project.IdentityPoolAndUserPool:
		return true
	case project.UserPoolOnly:
		return false
	}
	return a.Env.IdentityPoolID != ""
}

// recordedSelection returns the recorded ids of an environment as a
// selection (importauth.SelectionOf) of the auth resource's kind: an
// identity pool recorded for a user pool only resource is left out.
func recordedSelection(ids project.EnvAuth, withIP bool) cognito.Selection {
	s := importauth.SelectionOf(ids)
	if !withIP {
		s.IdentityPoolID = ""
	}
	return s
}

// chooseRequest is what choosing an environment's resources needs.
type chooseRequest struct {
	env    string // the environment being added or checked out
	auth   *project.ImportedAuth
	inputs Inputs
	region string // of the environment: where the walkthrough lists pools
	yes    bool   // --yes: take the default (reuse) without asking
	// reuseEnv is the environment env add may copy from, with its ids;
	// "" when there is none (fresh clone, or it has no recorded ids).
	reuseEnv string
	reuse    project.EnvAuth
}

// chooseForAdd picks the new environment's resources: the headless inputs
// when any is given; else the current environment's resources (with --yes,
// or when the user says yes); else the import walkthrough on a terminal;
// else exit 2 naming what to pass.
func chooseForAdd(ctx context.Context, c *importauth.Chooser, req chooseRequest) (cognito.Selection, error) {
	withIP := withIdentityPool(req.auth)
	if sel, given, err := givenInputs(c, req, withIP); err != nil || given {
		return sel, err
	}
	if req.reuseEnv != "" {
		reuse, err := askReuse(c, req)
		if err != nil || reuse {
			return recordedSelection(req.reuse, withIP), err
		}
	}
	return walkthrough(ctx, c, req)
}

// givenInputs resolves the headless inputs (flags, --categories, AMPLIFY_*
// variables) and reports whether any was given, printing notes and where
// each value came from.
func givenInputs(c *importauth.Chooser, req chooseRequest, withIP bool) (cognito.Selection, bool, error) {
	res, err := Resolve(req.inputs, withIP, req.auth.Name)
	writeNotes(c.Log, res.Notes)
	if err != nil {
		return cognito.Selection{}, false, err
	}
	if !res.Given() {
		return cognito.Selection{}, false, nil
	}
	writeSources(c.Log, res)
	return res.Selection, true, nil
}

// askReuse asks whether to use the same resources as req.reuseEnv.
func askReuse(c *importauth.Chooser, req chooseRequest) (bool, error) {
	question := fmt.Sprintf("Use the same Cognito resources as %s (user pool %s)?", req.reuseEnv, req.reuse.UserPoolID)
	switch {
	case req.yes:
		fmt.Fprintf(c.Log, "✔ Using the same Cognito resources as %s (user pool %s).\n", req.reuseEnv, req.reuse.UserPoolID)
		return true, nil
	case !c.Prompter.Interactive():
		return false, exit.UsageErrorf(
			fmt.Sprintf("pass --yes to use the same resources as %s, or name others with the AMPLIFY_* variables, the import flags or --categories", req.reuseEnv),
			"missing --yes: no terminal to ask whether environment %s uses the same Cognito resources as %s", req.env, req.reuseEnv)
	}
	ok, err := c.Prompter.Confirm(question, true)
	return ok, prompt.AsExitError(err, "--yes")
}

// walkthrough runs the import walkthrough for the environment, keeping the
// auth resource's kind; without a terminal it names every missing value.
func walkthrough(ctx context.Context, c *importauth.Chooser, req chooseRequest) (cognito.Selection, error) {
	withIP := withIdentityPool(req.auth)
	if !c.Prompter.Interactive() {
		return cognito.Selection{}, missingError(withIP, req.auth.Name)
	}
	mode := importauth.ModeUserPoolOnly
	if withIP {
		mode = importauth.ModeIdentityPool
	}
	return c.Choose(ctx, importauth.Request{Region: req.region, Mode: mode})
}

// chooseForCheckout picks the resources of the environment being checked
// out: the recorded ones when there are any (checkout never re-points an
// environment), else the headless inputs, else the walkthrough on a
// terminal, else exit 2 naming what to pass.
func chooseForCheckout(ctx context.Context, c *importauth.Chooser, req chooseRequest, recorded project.EnvAuth, ok bool) (cognito.Selection, error) {
	withIP := withIdentityPool(req.auth)
	if ok {
		sel := recordedSelection(recorded, withIP)
		return sel, compareInputs(c.Log, req, sel, withIP)
	}
	fmt.Fprintf(c.Log, "Environment %s has no Cognito resources recorded for auth %q yet.\n", req.env, req.auth.Name)
	if sel, given, err := givenInputs(c, req, withIP); err != nil || given {
		return sel, err
	}
	return walkthrough(ctx, c, req)
}

// compareInputs checks headless inputs against the recorded resources of
// the environment being checked out. A flag or --categories value that
// differs is a usage error: the user asked for something checkout does not
// do. A differing AMPLIFY_* variable is only a warning, because CI systems
// set them for every branch (user-pain F25) and the recorded value is the
// one this environment was validated with.
func compareInputs(log io.Writer, req chooseRequest, recorded cognito.Selection, withIP bool) error {
	cats, notes, err := ParseCategories(req.inputs.Categories)
	writeNotes(log, notes)
	if err != nil {
		return err
	}
	var conflicts []error
	for i := range numFields {
		want := *slot(&recorded, i)
		if i == identityPool && !withIP {
			continue
		}
		for n, src := range req.inputs.sources(cats) {
			got := strings.TrimSpace(*slot(&src.sel, i))
			if got == "" || got == want {
				continue
			}
			msg := fmt.Sprintf("%s=%s differs from the %s recorded for environment %s (%s)", src.label(i), got, fields[i].name, req.env, want)
			if n == 2 { // variables
				fmt.Fprintf(log, "⚠ %s; using the recorded one (the variables only fill in an environment that has none).\n", msg)
				continue
			}
			conflicts = append(conflicts, errors.New(msg))
		}
	}
	if len(conflicts) == 0 {
		return nil
	}
	return &exit.Error{Code: exit.Usage, Err: fmt.Errorf("check out environment %s: %w", req.env, errors.Join(conflicts...)),
		Fix: fmt.Sprintf("checkout uses the recorded resources; drop the flags, or point %s at other resources: `ampgo env checkout <other>`, `ampgo env remove %s --yes`, then `ampgo env add %s` with the new ids",
			req.env, req.env, req.env)}
}

// noAuthInputs handles headless inputs in a project without imported auth:
// flags and --categories are a usage error (they would be ignored), the
// variables only get a note.
func noAuthInputs(log io.Writer, in Inputs) error {
	cats, _, err := ParseCategories(in.Categories)
	if err != nil {
		return err
	}
	if in.Flags != (cognito.Selection{}) || cats != (cognito.Selection{}) {
		return exit.UsageErrorf("import auth first with `ampgo import auth`, or drop the Cognito flags",
			"use Cognito resources: this project has no imported auth")
	}
	if in.Variables != (cognito.Selection{}) {
		fmt.Fprintln(log, "note: the AMPLIFY_* Cognito variables are ignored: this project has no imported auth.")
	}
	return nil
}

func writeNotes(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(w, "⚠ %s\n", n)
	}
}

// writeSources says which value came from where, so a mix of flags and
// variables is visible.
func writeSources(w io.Writer, r Resolved) {
	for i := range numFields {
		if v := *slot(&r.Selection, i); v != "" {
			fmt.Fprintf(w, "  %-17s %s (%s)\n", fields[i].name+":", v, r.Sources[i])
		}
	}
}

package authcmd

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// managedFlags are the settings flags `add auth` and `update auth` share.
type managedFlags struct {
	name                           string
	signIn                         []string
	mfa                            string
	mfaTypes                       []string
	passwordMinLength              int
	passwordRequire                []string
	guestAccess                    bool
	domainPrefix                   string
	callbackURLs, signoutURLs      []string
	nativeCallbacks, nativeSignout []string
	social                         []string
	socialSSMPrefix                string
	allowDeletion                  bool
}

func (m *managedFlags) bind(fl *pflag.FlagSet) {
	fl.StringSliceVar(&m.signIn, "sign-in", nil, "how users sign in: email, phone (both may be given) or username (default email)")
	fl.StringVar(&m.mfa, "mfa", "", "multi-factor authentication: off, optional or required (default optional)")
	fl.StringSliceVar(&m.mfaTypes, "mfa-types", nil, "MFA methods: totp, sms (default totp)")
	fl.IntVar(&m.passwordMinLength, "password-min-length", 0, "minimum password length, 6 to 99 (default 8)")
	fl.StringSliceVar(&m.passwordRequire, "password-require", nil, "character classes a password needs: lowercase, uppercase, numbers, symbols, or none (default all four)")
	fl.BoolVar(&m.guestAccess, "guest-access", false, "let the identity pool give guests (signed-out users) credentials of the unauthenticated role")
	fl.StringVar(&m.domainPrefix, "domain-prefix", "", `hosted UI domain prefix; each environment gets "<prefix>-<env>"`)
	fl.StringSliceVar(&m.callbackURLs, "callback-url", nil, "sign-in redirect URLs of the web client (hosted UI)")
	fl.StringSliceVar(&m.signoutURLs, "signout-url", nil, "sign-out redirect URLs of the web client (hosted UI)")
	fl.StringSliceVar(&m.nativeCallbacks, "native-callback-url", nil, "sign-in redirect URLs of the native client (default: the web client's)")
	fl.StringSliceVar(&m.nativeSignout, "native-signout-url", nil, "sign-out redirect URLs of the native client (default: the web client's)")
	fl.StringSliceVar(&m.social, "social", nil, "social sign-in: google, facebook, amazon, apple; credentials come from AMPGO_<PROVIDER>_<DETAIL> variables at push time (needs --domain-prefix)")
	fl.StringVar(&m.socialSSMPrefix, "social-ssm-prefix", "", `read social credentials no AMPGO_* variable holds from SSM "<prefix><provider>_<detail>" at push time, e.g. /shop/auth/`)
	fl.BoolVar(&m.allowDeletion, "allow-user-pool-deletion", false, "for this environment: no DeletionPolicy Retain and no deletion protection on the user pool (throwaway environments)")
}

// apply puts the flags that were given (changed) on s.
func (m *managedFlags) apply(fl *pflag.FlagSet, s *project.ManagedAuthSettings) error {
	set := func(name string, f func()) {
		if fl.Changed(name) {
			f()
		}
	}
	set("sign-in", func() { s.SignIn = lower(m.signIn) })
	set("mfa-types", func() { s.MFATypes = upper(m.mfaTypes) })
	set("password-min-length", func() { s.PasswordMinLength = m.passwordMinLength })
	set("guest-access", func() { s.GuestAccess = m.guestAccess })
	set("domain-prefix", func() { s.DomainPrefix = m.domainPrefix })
	set("callback-url", func() { s.WebCallbackURLs = m.callbackURLs })
	set("signout-url", func() { s.WebSignoutURLs = m.signoutURLs })
	set("native-callback-url", func() { s.NativeCallbackURLs = m.nativeCallbacks })
	set("native-signout-url", func() { s.NativeSignoutURLs = m.nativeSignout })
	set("social", func() { s.Social = lower(m.social) })
	set("social-ssm-prefix", func() { s.SocialSSMPrefix = m.socialSSMPrefix })
	if fl.Changed("mfa") {
		v, ok := map[string]string{"off": "OFF", "optional": "OPTIONAL", "required": "ON"}[strings.ToLower(m.mfa)]
		if !ok {
			return exit.UsageErrorf("use --mfa off, optional or required", "unknown --mfa %q", m.mfa)
		}
		s.MFA = v
		if v == "OFF" && !fl.Changed("mfa-types") {
			s.MFATypes = []string{}
		}
	}
	if fl.Changed("password-require") {
		s.PasswordLowercase, s.PasswordUppercase, s.PasswordNumbers, s.PasswordSymbols = false, false, false, false
		for _, c := range lower(m.passwordRequire) {
			switch c {
			case "lowercase":
				s.PasswordLowercase = true
			case "uppercase":
				s.PasswordUppercase = true
			case "numbers":
				s.PasswordNumbers = true
			case "symbols":
				s.PasswordSymbols = true
			case "none":
			default:
				return exit.UsageErrorf("use --password-require lowercase,uppercase,numbers,symbols (or none)", "unknown --password-require %q", c)
			}
		}
	}
	return nil
}

// lower and upper trim each value and change its case, as the flags
// accept any case ("Email", "totp").
func lower(in []string) []string { return recase(in, strings.ToLower) }
func upper(in []string) []string { return recase(in, strings.ToUpper) }

func recase(in []string, to func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = to(strings.TrimSpace(s))
	}
	return out
}

type addAuthOptions struct {
	f *cmdutil.Factory
	managedFlags
	flags *pflag.FlagSet
}

// NewCmdAddAuth builds `ampgo add auth`: Cognito resources that ampgo
// creates and manages in the current environment (issue 14). runF, when
// not nil, replaces the run function (tests).
func NewCmdAddAuth(f *cmdutil.Factory, runF func(*addAuthOptions) error) *cobra.Command {
	o := &addAuthOptions{f: f}
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "Create a user pool, app clients, identity pool and roles managed by ampgo in this environment",
		Long: `Record auth that ampgo creates in the current environment, in its own stack
amplify-<project>-<env>-auth, on the next ` + "`ampgo push`" + `: a user pool, a web client (no
secret) and a native client, the hosted UI domain and social providers when asked, an
identity pool listing both clients, and authenticated/unauthenticated roles that trust only
that identity pool. Push checks what it created with every rule of ` + "`ampgo import auth`" + `
and records it like an import, so storage, functions, APIs and every client config work on
it exactly as on imported auth.

The user pool is kept when it leaves the stack (DeletionPolicy Retain, deletion protection)
unless --allow-user-pool-deletion. Other environments can import existing pools instead:
` + "`ampgo env add prod --auth import --user-pool-id …`" + `; new managed ones come from
` + "`ampgo env add preview --auth managed`" + `.

Social providers' client ids and secrets are never written to a file: push reads them from
AMPGO_GOOGLE_CLIENT_ID and AMPGO_GOOGLE_CLIENT_SECRET (FACEBOOK, AMAZON likewise;
AMPGO_APPLE_CLIENT_ID, _TEAM_ID, _KEY_ID, _PRIVATE_KEY), or, for those no variable holds,
from SSM Parameter Store under --social-ssm-prefix (/shop/auth/ reads
/shop/auth/google_client_id…, SecureString decrypted), and passes them as NoEcho
parameters.`,
		Example: `  ampgo add auth --yes
  ampgo add auth --sign-in email --mfa required --mfa-types totp --guest-access --yes
  ampgo add auth --domain-prefix shop-login --callback-url https://shop.example.com/ --signout-url https://shop.example.com/ \
      --native-callback-url shop://callback/ --native-signout-url shop://signout/ --social google --yes`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, func(cmd *cobra.Command, _ []string) error { o.flags = cmd.Flags(); return nil }, runF, addAuthRun),
	}
	cmd.Flags().StringVar(&o.name, "name", "", "name of the auth resource (default: from the project name)")
	o.bind(cmd.Flags())
	return cmd
}

func addAuthRun(_ context.Context, o *addAuthOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	env, err := p.Env()
	if err != nil {
		return err
	}
	if name, _, ok := p.ManagedAuth(); ok {
		return exit.UsageErrorf("change it with `ampgo update auth`", "auth %q is already added", name)
	}
	if a, ok := p.ImportedAuth(); ok {
		return exit.UsageErrorf("keep it here and give a new environment managed auth with `ampgo env add NAME --auth managed`; or unlink it first with `ampgo remove auth`",
			"environment %s already imports auth %q (user pool %s)", env, a.Name, a.Env.UserPoolID)
	}
	name := o.name
	if name == "" {
		name = category.DefaultManagedAuthName(p.Config().ProjectName)
	}
	s := category.DefaultManagedAuthSettings()
	if err := o.ask(&s); err != nil {
		return err
	}
	if err := o.apply(o.flags, &s); err != nil {
		return err
	}
	if err := checkManaged(p, name, s); err != nil {
		return err
	}
	if err := p.SetManagedAuth(name, s); err != nil {
		return err
	}
	if err := p.SetEnvManagedAuth(env, project.ManagedEnv{AllowUserPoolDeletion: o.allowDeletion}); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Auth %q added: ampgo manages it in environment %q (%s).\nNext steps:\n- `ampgo push --dry-run` shows stack %s\n- `ampgo push` creates it\n",
		name, env, summary(s, o.allowDeletion), project.AuthStackName(p.Config().ProjectName, env))
	return nil
}

// ask asks, on a terminal and without --yes, what the flags did not say:
// sign-in, MFA and guest access. Everything else has a flag and a default.
func (o *addAuthOptions) ask(s *project.ManagedAuthSettings) error {
	pr := o.f.Prompter()
	if o.f.Yes {
		return nil
	}
	if !o.flags.Changed("sign-in") {
		v, err := pr.Select("How do users sign in?", []prompt.Option{
			{Label: "email", Value: "email"}, {Label: "phone number", Value: "phone"},
			{Label: "email or phone number", Value: "email,phone"}, {Label: "username", Value: "username"}}, false)
		if err != nil {
			return prompt.AsExitError(err, "--sign-in")
		}
		s.SignIn = strings.Split(v, ",")
	}
	if !o.flags.Changed("mfa") {
		v, err := pr.Select("Multi-factor authentication?", []prompt.Option{
			{Label: "optional (TOTP)", Value: "optional"}, {Label: "required (TOTP)", Value: "required"}, {Label: "off", Value: "off"}}, false)
		if err != nil {
			return prompt.AsExitError(err, "--mfa")
		}
		o.mfa = v
		if err := o.flags.Set("mfa", v); err != nil {
			return err
		}
	}
	if !o.flags.Changed("guest-access") {
		yes, err := pr.Confirm("Give guests (signed-out users) AWS credentials?", false)
		if err != nil {
			return prompt.AsExitError(err, "--guest-access")
		}
		o.guestAccess = yes
		return o.flags.Set("guest-access", fmt.Sprint(yes))
	}
	return nil
}

// checkManaged runs category.ManagedAuth.Validate for the project's
// current environment (every problem at once, exit 2).
func checkManaged(p *project.Project, name string, s project.ManagedAuthSettings) error {
	e := category.Env{Project: p.Config().ProjectName, Env: p.CurrentEnv()}
	return category.ManagedAuth{Name: name, ManagedAuthSettings: s}.Validate(e)
}

func summary(s project.ManagedAuthSettings, allowDeletion bool) string {
	parts := []string{"sign-in " + strings.Join(s.SignIn, "+"), "MFA " + strings.ToLower(s.MFA)}
	if s.GuestAccess {
		parts = append(parts, "guest access")
	}
	if s.DomainPrefix != "" {
		parts = append(parts, "hosted UI "+s.DomainPrefix+"-<env>")
	}
	if len(s.Social) > 0 {
		parts = append(parts, "social "+strings.Join(s.Social, ","))
	}
	if allowDeletion {
		parts = append(parts, "user pool deleted with the stack")
	} else {
		parts = append(parts, "user pool retained")
	}
	return strings.Join(parts, ", ")
}

type updateAuthOptions struct {
	f *cmdutil.Factory
	managedFlags
	replace bool
	flags   *pflag.FlagSet
}

// NewCmdUpdateAuth builds `ampgo update auth`: changes the settings of
// managed auth, which the next push deploys to every managed environment.
func NewCmdUpdateAuth(f *cmdutil.Factory, runF func(*updateAuthOptions) error) *cobra.Command {
	o := &updateAuthOptions{f: f}
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "Change the settings of auth that ampgo manages",
		Long: `Change the settings of managed auth (see ` + "`ampgo add auth`" + `); ` + "`ampgo push`" + ` deploys
them to the current environment's auth stack, and to each other managed environment on its
next push. Only the flags given change.

How users sign in (--sign-in) can never change on an existing user pool: Cognito refuses
it. Such a change needs a new, empty user pool; it is refused unless --replace-user-pool
says so explicitly, and then every user of every managed environment is lost to the new pool
(the old pool stays, with its users, unless the environment allowed its deletion).
Imported auth is changed in Cognito by whoever owns it; ` + "`ampgo auth refresh`" + ` records it.`,
		Example: `  ampgo update auth --guest-access
  ampgo update auth --mfa required --mfa-types totp
  ampgo update auth --allow-user-pool-deletion=false
  ampgo update auth --sign-in username --replace-user-pool --yes`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, func(cmd *cobra.Command, _ []string) error { o.flags = cmd.Flags(); return nil }, runF, updateAuthRun),
	}
	o.bind(cmd.Flags())
	cmd.Flags().BoolVar(&o.replace, "replace-user-pool", false, "allow a change that needs a new, empty user pool (every user is lost to it)")
	return cmd
}

func updateAuthRun(_ context.Context, o *updateAuthOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	env, err := p.Env()
	if err != nil {
		return err
	}
	name, old, ok := p.ManagedAuth()
	if !ok {
		return exit.UsageErrorf("re-read imported auth with `ampgo auth refresh`, or re-point it with `ampgo auth update`; create managed auth with `ampgo add auth`",
			"this project has no auth that ampgo manages")
	}
	s := old
	s.SignIn, s.MFATypes, s.Social = slices.Clone(old.SignIn), slices.Clone(old.MFATypes), slices.Clone(old.Social)
	if err := o.apply(o.flags, &s); err != nil {
		return err
	}
	if err := checkManaged(p, name, s); err != nil {
		return err
	}
	oldM, newM := category.ManagedAuth{Name: name, ManagedAuthSettings: old}, category.ManagedAuth{Name: name, ManagedAuthSettings: s}
	if replaces, why := category.ReplacesUserPool(oldM, newM); replaces || o.replace {
		if !o.replace {
			return exit.UsageErrorf("keep --sign-in as it is, or pass --replace-user-pool to create a new, empty user pool in every managed environment",
				"REPLACES user pool: every user is lost: %s", why)
		}
		s.Generation = old.Generation + 1
		if err := cmdutil.ConfirmDestructive(f, fmt.Sprintf("Replace the user pool of auth %q in every managed environment on its next push? Every user is lost to the new, empty pool.", name)); err != nil {
			return err
		}
		fmt.Fprintf(f.ErrOut, "REPLACES user pool: every user is lost (%s)\n", why)
	}
	m, managedHere := p.EnvManagedAuth(env)
	if o.flags.Changed("allow-user-pool-deletion") {
		if !managedHere {
			return exit.UsageErrorf("check out a managed environment first (`ampgo env list` shows each one's auth)",
				"--allow-user-pool-deletion: environment %s imports its auth", env)
		}
		m.AllowUserPoolDeletion = o.allowDeletion
		if err := p.SetEnvManagedAuth(env, m); err != nil {
			return err
		}
	}
	if err := p.SetManagedAuth(name, s); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Auth %q updated (%s).\nRun `ampgo push` to deploy it (`--dry-run` shows the plan); each managed environment gets it on its own push.\n",
		name, summary(s, m.AllowUserPoolDeletion))
	return nil
}

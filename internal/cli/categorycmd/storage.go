package categorycmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

type addStorageOptions struct {
	f            *cmdutil.Factory
	name         string
	bucketPrefix string
	authAccess   string
	guestAccess  string

	// auth and guest are --auth-access and --guest-access, parsed; auth is
	// asked for when --auth-access was not given.
	auth, guest []string
}

// NewCmdAddStorage builds `ampgo add storage`. runF, when not nil, replaces
// the run function once the flags are parsed and checked (tests: flags →
// options).
func NewCmdAddStorage(f *cmdutil.Factory, runF func(*addStorageOptions) error) *cobra.Command {
	o := &addStorageOptions{f: f}
	cmd := &cobra.Command{
		Use:   "storage",
		Short: "Add an S3 bucket for signed-in users (and guests) of the imported identity pool",
		Long: `Record an S3 bucket whose access goes through the imported identity pool's roles,
with the Amplify CLI's folders: public/, protected/<identity>/, private/<identity>/
and uploads/. Guests get public/ and uploads/ only, and need an identity pool that
allows unauthenticated identities. ` + "`ampgo push`" + ` deploys the bucket and the
statements on the imported roles; nothing in AWS changes before that.`,
		Example: `  ampgo add storage
  ampgo add storage --name photos --auth-access create,read,delete --guest-access read`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parse, runF, addStorageRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.name, "name", "", "name of the storage resource (letters and digits)")
	fl.StringVar(&o.bucketPrefix, "bucket-prefix", "", `start of the bucket name (default "<project>-<name>"); the bucket is "<prefix>-<hash>-<env>"`)
	fl.StringVar(&o.authAccess, "auth-access", "", "operations for signed-in users: create (create/update), read, delete, comma-separated (default with --yes: create,read,delete)")
	fl.StringVar(&o.guestAccess, "guest-access", "", "operations for guests: create, read, delete, comma-separated (default: none)")
	return cmd
}

// parse parses the access flags: bad values fail before any question is
// asked or the project is opened.
func (o *addStorageOptions) parse(cmd *cobra.Command, _ []string) error {
	if cmd.Flags().Changed("auth-access") && o.authAccess == "" {
		o.authAccess = "none" // an explicit empty value is not "missing"
	}
	var err error
	if o.auth, err = category.ParseOps("--auth-access", o.authAccess, category.StorageOps); err != nil {
		return err
	}
	o.guest, err = category.ParseOps("--guest-access", o.guestAccess, category.StorageOps)
	return err
}

func addStorageRun(_ context.Context, o *addStorageOptions) error {
	auth, guest := o.auth, o.guest
	p, release, err := o.f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if err := category.CheckCanAddStorage(p, len(guest) > 0); err != nil {
		return err
	}
	if err := o.askName(p); err != nil {
		return err
	}
	if o.bucketPrefix == "" {
		o.bucketPrefix = category.DefaultBucketPrefix(p.Config().ProjectName, o.name)
	}
	if o.authAccess == "" {
		if auth, err = o.askAccess("What kind of access do you want for signed-in users?", false, "--auth-access"); err != nil {
			return err
		}
	}
	if o.guestAccess == "" && o.f.Prompter().Interactive() && guestsAllowed(p) {
		if guest, err = o.askAccess("What kind of access do you want for guests?", true, "--guest-access"); err != nil {
			return err
		}
	}
	s := project.Storage{Name: o.name, BucketPrefix: o.bucketPrefix, AuthAccess: auth, GuestAccess: guest}
	if err := category.AddStorage(p, s); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(o.f.ErrOut, "✔ Storage %q added (bucket prefix %q).\nNext steps:\n- `ampgo push --dry-run` shows the bucket and every statement for the imported roles\n- `ampgo push` deploys them\n", o.name, o.bucketPrefix)
	return nil
}

// askName asks for the resource name; --yes takes "s3<project>".
func (o *addStorageOptions) askName(p *project.Project) error {
	if o.name != "" {
		return nil
	}
	def := "s3" + p.Config().ProjectName
	if len(def) > 30 {
		def = def[:30]
	}
	if o.f.Yes {
		o.name = def
		return nil
	}
	name, err := o.f.Prompter().Input("Name of the storage resource", def, validName)
	if err != nil {
		return prompt.AsExitError(err, "--name")
	}
	o.name = name
	return nil
}

// askAccess asks for one access combination; --yes takes them all for
// signed-in users and none for guests.
func (o *addStorageOptions) askAccess(title string, guest bool, flag string) ([]string, error) {
	if o.f.Yes {
		if guest {
			return []string{}, nil
		}
		return category.StorageOps, nil
	}
	v, err := o.f.Prompter().Select(title, accessOptions(guest), false)
	if err != nil {
		return nil, prompt.AsExitError(err, flag)
	}
	return category.ParseOps(flag, v, category.StorageOps)
}

// guestsAllowed reports whether the imported identity pool allows guests,
// so the guest question is only asked when it can be answered.
func guestsAllowed(p *project.Project) bool {
	a, ok := p.ImportedAuth()
	return ok && a.Env.AllowUnauthenticatedIdentities != nil && *a.Env.AllowUnauthenticatedIdentities
}

func validName(s string) error {
	if !category.NameRE.MatchString(s) {
		return fmt.Errorf("use 1 to 30 letters and digits, starting with a letter")
	}
	return nil
}

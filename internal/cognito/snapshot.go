package cognito

import (
	"context"
	"errors"
	"sync"
)

// Selection names the resources of one import.
type Selection struct {
	UserPoolID     string
	WebClientID    string
	NativeClientID string
	IdentityPoolID string // "" for "Cognito User Pool only"
}

// ReadSnapshot reads everything the rules judge for a selection, with no
// listing: the describes run concurrently, then the two roles (which need the
// identity pool's answer), so a full import costs two round trips on the
// critical path. A chosen app client that does not exist is left out of
// Snapshot.Clients for the rules to report; a missing user pool or identity
// pool is a *NotFoundError.
func (r *Reader) ReadSnapshot(ctx context.Context, sel Selection) (*Snapshot, error) {
	s := &Snapshot{WebClientID: sel.WebClientID, NativeClientID: sel.NativeClientID}
	var (
		mu sync.Mutex
		ip IdentityPool
	)
	tasks := []func(context.Context) error{
		func(ctx context.Context) (err error) { s.Pool, err = r.Pool(ctx, sel.UserPoolID); return err },
		func(ctx context.Context) (err error) {
			s.IdentityProviders, err = r.IdentityProviders(ctx, sel.UserPoolID)
			return err
		},
	}
	for _, id := range uniq(sel.WebClientID, sel.NativeClientID) {
		tasks = append(tasks, func(ctx context.Context) error {
			c, err := r.Client(ctx, sel.UserPoolID, id)
			var nf *NotFoundError
			if errors.As(err, &nf) && nf.Kind == "app client" {
				return nil
			}
			mu.Lock()
			s.Clients = append(s.Clients, c)
			mu.Unlock()
			return err
		})
	}
	if sel.IdentityPoolID != "" {
		tasks = append(tasks, func(ctx context.Context) (err error) { ip, err = r.IdentityPool(ctx, sel.IdentityPoolID); return err })
	}
	if err := parallel(ctx, len(tasks), tasks...); err != nil {
		return nil, err
	}
	s.Clients = orderClients(s.Clients, sel.WebClientID, sel.NativeClientID)
	if sel.IdentityPoolID != "" {
		s.IdentityPool = &ip
		if err := r.readRoles(ctx, s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (r *Reader) readRoles(ctx context.Context, s *Snapshot) error {
	var tasks []func(context.Context) error
	if arn := s.IdentityPool.AuthRoleARN; arn != "" {
		tasks = append(tasks, func(ctx context.Context) error {
			role, err := r.Role(ctx, arn)
			s.AuthRole = &role
			return err
		})
	}
	if arn := s.IdentityPool.UnauthRoleARN; arn != "" {
		tasks = append(tasks, func(ctx context.Context) error {
			role, err := r.Role(ctx, arn)
			s.UnauthRole = &role
			return err
		})
	}
	return parallel(ctx, 2, tasks...)
}

// orderClients puts the web client first so output does not depend on which
// describe answered first.
func orderClients(cs []AppClient, web, native string) []AppClient {
	out := make([]AppClient, 0, len(cs))
	for _, id := range uniq(web, native) {
		for _, c := range cs {
			if c.ID == id {
				out = append(out, c)
			}
		}
	}
	return out
}

func uniq(ids ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

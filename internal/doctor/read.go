package doctor

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/importauth"
)

// Reader is the AWS access doctor needs; *cognito.Reader implements it.
// Every method is a read.
type Reader interface {
	ListPools(ctx context.Context, region string) ([]cognito.PoolSummary, error)
	Pool(ctx context.Context, id string) (cognito.UserPool, error)
	Clients(ctx context.Context, poolID string) ([]cognito.AppClient, error)
	IdentityProviders(ctx context.Context, poolID string) ([]cognito.IdentityProvider, error)
	IdentityPools(ctx context.Context, region string) ([]cognito.IdentityPool, error)
	IdentityPoolRoles(ctx context.Context, id string) (auth, unauth string, err error)
	Role(ctx context.Context, arn string) (cognito.Role, error)
}

// readPool reads one pool, its clients and its identity providers, concurrently.
// A read that stays throttled is started again (reread).
func readPool(ctx context.Context, r Reader, id string) (*cognito.Snapshot, error) {
	s := &cognito.Snapshot{}
	err := reread(ctx, func() error {
		g, ctx := errgroup.WithContext(ctx)
		g.Go(func() (err error) { s.Pool, err = r.Pool(ctx, id); return err })
		g.Go(func() (err error) { s.Clients, err = r.Clients(ctx, id); return err })
		g.Go(func() (err error) { s.IdentityProviders, err = r.IdentityProviders(ctx, id); return err })
		return g.Wait()
	})
	return s, err
}

// identityIndex is the region's identity pools, read once in the
// background and shared by every pool: the API has no reverse lookup from a
// user pool to the identity pools that list it.
type identityIndex struct {
	done  chan struct{}
	pools []cognito.IdentityPool
	err   error
}

func loadIdentityPools(ctx context.Context, r Reader, region string) *identityIndex {
	x := &identityIndex{done: make(chan struct{})}
	go func() {
		defer close(x.done)
		x.err = reread(ctx, func() (err error) { x.pools, err = r.IdentityPools(ctx, region); return err })
	}()
	return x
}

// linkedTo waits for the index and returns the identity pools that list
// the user pool poolID as a Cognito provider.
func (x *identityIndex) linkedTo(ctx context.Context, poolID string) ([]cognito.IdentityPool, error) {
	select {
	case <-x.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if x.err != nil {
		return nil, x.err
	}
	var out []cognito.IdentityPool
	for _, ip := range x.pools {
		if len(importauth.IdentityPoolLinks(&ip, poolID)) > 0 {
			out = append(out, ip)
		}
	}
	return out, nil
}

// once is one cached read.
type once[T any] struct {
	sync.Once
	v   T
	err error
}

// cache holds the reads several user pools share: the roles of an identity
// pool (linked to many user pools) and IAM roles (often shared by many
// identity pools) are read once per run.
type cache struct {
	mu      sync.Mutex
	ipRoles map[string]*once[[2]string]
	roles   map[string]*once[cognito.Role]
}

func newCache() *cache {
	return &cache{ipRoles: map[string]*once[[2]string]{}, roles: map[string]*once[cognito.Role]{}}
}

func cached[T any](c *cache, m map[string]*once[T], key string, load func() (T, error)) (T, error) {
	c.mu.Lock()
	e := m[key]
	if e == nil {
		e = &once[T]{}
		m[key] = e
	}
	c.mu.Unlock()
	e.Do(func() { e.v, e.err = load() })
	return e.v, e.err
}

// readLinked reads the roles of an identity pool and the two IAM roles.
func readLinked(ctx context.Context, r Reader, c *cache, ip cognito.IdentityPool) linked {
	l := linked{IP: ip}
	arns, err := cached(c, c.ipRoles, ip.ID, func() (arns [2]string, err error) {
		err = reread(ctx, func() (err error) { arns[0], arns[1], err = r.IdentityPoolRoles(ctx, ip.ID); return err })
		return arns, err
	})
	if err != nil {
		l.ReadError = describeErr(err)
		return l
	}
	l.IP.AuthRoleARN, l.IP.UnauthRoleARN = arns[0], arns[1]
	// No shared cancellation: a cached read must not fail for every pool
	// because a sibling read of this one failed.
	var g errgroup.Group
	for i, dst := range []**cognito.Role{&l.Auth, &l.Unauth} {
		if arns[i] == "" {
			continue
		}
		g.Go(func() error {
			role, err := cached(c, c.roles, arns[i], func() (role cognito.Role, err error) {
				err = reread(ctx, func() (err error) { role, err = r.Role(ctx, arns[i]); return err })
				return role, err
			})
			if err == nil {
				*dst = &role
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		l.ReadError = describeErr(err)
	}
	return l
}

// describeErr says in one line which call failed and why, for a report
// that goes on after a read failed.
func describeErr(err error) string {
	var nf *cognito.NotFoundError
	if errors.As(err, &nf) {
		return fmt.Sprintf("%s %s does not exist (deleted during the run?)", nf.Kind, nf.ID)
	}
	if line, ok := awsx.DescribeCall(err); ok {
		return line
	}
	return err.Error()
}

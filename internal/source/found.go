package source

// Secret says whether an app client has a secret, as far as the source
// tells: a state file does (client_secret, generate_secret), a stack or an
// outputs file does not, and DescribeUserPoolClient must.
type Secret int

// Secret values.
const (
	SecretUnknown Secret = iota
	SecretNo
	SecretYes
)

// Client is an app client a source names. UserPoolID is "" when the source
// does not say which pool it belongs to (stacks, outputs).
type Client struct {
	ID         string
	Name       string
	UserPoolID string
	Secret     Secret
	// Where is the resource's address in the source
	// ("module.auth.aws_cognito_user_pool_client.web", a logical id, an
	// output key), for the candidate list.
	Where string
	// guessed: found by an output key, not a resource type; dropped when
	// the pool has no such client (a Facebook app id, say).
	guessed bool
}

// IdentityPool is an identity pool a source names, with the user pools its
// providers name when the source tells (Terraform).
type IdentityPool struct {
	ID        string
	Name      string
	UserPools []string
	Where     string
}

// Pool is a user pool a source names.
type Pool struct {
	ID    string
	Name  string
	Where string
}

// Found is every Cognito id a source names, in source order, without
// duplicates. It never holds a secret.
type Found struct {
	Source        Spec
	Pools         []Pool
	Clients       []Client
	IdentityPools []IdentityPool
}

func (f *Found) addPool(p Pool) {
	for _, q := range f.Pools {
		if q.ID == p.ID {
			return
		}
	}
	f.Pools = append(f.Pools, p)
}

func (f *Found) addClient(c Client) {
	for i, d := range f.Clients {
		if d.ID == c.ID {
			if d.Secret == SecretUnknown {
				f.Clients[i].Secret = c.Secret
			}
			if d.guessed && !c.guessed {
				f.Clients[i].guessed = false
			}
			return
		}
	}
	f.Clients = append(f.Clients, c)
}

func (f *Found) addIdentityPool(ip IdentityPool) {
	for i, q := range f.IdentityPools {
		if q.ID == ip.ID {
			if len(q.UserPools) == 0 {
				f.IdentityPools[i].UserPools = ip.UserPools
			}
			if q.Name == "" {
				f.IdentityPools[i].Name = ip.Name
			}
			return
		}
	}
	f.IdentityPools = append(f.IdentityPools, ip)
}

// Empty reports whether the source names no Cognito resource at all.
func (f *Found) Empty() bool {
	return len(f.Pools) == 0 && len(f.Clients) == 0 && len(f.IdentityPools) == 0
}

package testenv

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// DefaultAccount is moto's default account: the one of Env and AWSConfig.
const DefaultAccount = "123456789012"

// defaultKey is the access key id of DefaultAccount: moto gives every key
// it does not know to its default account.
const defaultKey = "testing"

// Account is an AWS account of its own in moto: its IAM roles, buckets,
// stacks, user pools and identity pools are invisible to every other
// account, so tests that each take one can run in parallel on one moto
// and still snapshot "everything" (IAM and S3 are global within an
// account). The launcher maps the access key id AMPGOTST<account id> to the
// account (patch 4 in tools/moto/ampgo_moto.py); an account costs nothing
// until its first request, which loads its AWS-managed IAM policies (~0.1 s).
type Account struct {
	m  *Moto
	ID string // 12 digits, never DefaultAccount
}

// NewAccount returns an account that no other call of m.NewAccount returns.
func (m *Moto) NewAccount() *Account {
	return &Account{m: m, ID: fmt.Sprintf("2%011d", m.accounts.Add(1))}
}

func (a *Account) accessKey() string { return "AMPGOTST" + a.ID }

// Env is Moto.Env in this account.
func (a *Account) Env() []string { return a.m.env(a.accessKey()) }

// AWSConfig is Moto.AWSConfig in this account.
func (a *Account) AWSConfig(region string) aws.Config { return a.m.config(a.accessKey(), region) }

package awsx

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/testenv"
)

// TestParameterReader reads a String and a SecureString (decrypted) from
// moto's SSM through the hand-signed request, and names a missing one
// with exit 2.
func TestParameterReader(t *testing.T) {
	moto := testenv.Start(t)
	r := NewParameterReader(moto.AWSConfig("us-east-1"))
	ctx := context.Background()
	for name, typ := range map[string]string{"/shop/auth/google_client_id": "String", "/shop/auth/google_client_secret": "SecureString"} {
		body, err := json.Marshal(map[string]any{"Name": name, "Value": "v-" + typ, "Type": typ})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.call(ctx, "PutParameter", body, &struct{}{}); err != nil {
			t.Fatalf("put %s: %v", name, err)
		}
		got, err := r.Value(ctx, name)
		if err != nil || got != "v-"+typ {
			t.Errorf("Value(%s) = %q, %v; want v-%s", name, got, err, typ)
		}
	}
	_, err := r.Value(ctx, "/shop/auth/missing")
	if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), "/shop/auth/missing") || !strings.Contains(exit.Hint(err), "put-parameter") {
		t.Errorf("missing parameter: err = %v (hint %q), want exit 2 naming it", err, exit.Hint(err))
	}
}

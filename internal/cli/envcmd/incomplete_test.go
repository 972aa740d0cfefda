package envcmd

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cli/clitest"
)

// TestCheckoutAllowIncompleteFlag: --allow-incomplete is a checkout flag
// (issue 11 item 1); env add only warns, so it has none.
func TestCheckoutAllowIncompleteFlag(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[envOptions]{
		{Name: "default fails headless", Args: []string{"prod"}, Want: envOptions{name: "prod"}},
		{Name: "allowed", Args: []string{"prod", "--allow-incomplete"}, Want: envOptions{name: "prod", allowIncomplete: true}},
	}, newCmdCheckout)
	clitest.CheckFlags(t, []clitest.FlagCase[envOptions]{
		{Name: "not an add flag", Args: []string{"prod", "--allow-incomplete"}, WantErr: "unknown flag: --allow-incomplete"},
	}, newCmdAdd)
}

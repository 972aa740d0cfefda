// Command ampgo-floor is the least a Go program can do for ampgo-bench's
// scenario (b) with the AWS SDK ampgo uses: it prints the first question,
// loads the SDK configuration and lists every user pool meanwhile, reads
// the answer line, and prints the pool names under "Select the User Pool".
// It has no project, no flags, no terminal UI and no checks.
//
// The bench runs it beside `ampgo import auth` in the same pseudo-terminal,
// against the same proxy, so the report separates what any Go program with
// this SDK pays on the machine at hand (process start, SDK set-up, the
// round trips) from what ampgo adds (its own start, project, drawing).
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// window is how many pools the list shows at once (ampgo's prompt shows 10).
const window = 10

func main() {
	fmt.Print("? What type of auth resource do you want to import?\n> Cognito User Pool and Identity Pool\n")
	pools := make(chan []string, 1)
	failed := make(chan error, 1)
	go func() {
		names, err := list(context.Background())
		if err != nil {
			failed <- err
			return
		}
		pools <- names
	}()
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		fmt.Fprintln(os.Stderr, "ampgo-floor: read the answer:", err)
		os.Exit(1)
	}
	select {
	case names := <-pools:
		// A window of the list, as a prompt shows it: printed whole, a long
		// list would scroll the title off the bench's 30-row screen.
		fmt.Println("? Select the User Pool")
		for _, n := range names[:min(len(names), window)] {
			fmt.Println("  " + n)
		}
		if len(names) > window {
			fmt.Printf("  … %d more\n", len(names)-window)
		}
	case err := <-failed:
		fmt.Fprintln(os.Stderr, "ampgo-floor:", err)
		os.Exit(1)
	}
	// Stay, as a prompt would, until the bench kills the process.
	select {}
}

// list returns the names of every user pool, page by page.
func list(ctx context.Context) ([]string, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	p := cip.NewListUserPoolsPaginator(cip.NewFromConfig(cfg), &cip.ListUserPoolsInput{MaxResults: aws.Int32(60)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range out.UserPools {
			names = append(names, aws.ToString(u.Name))
		}
	}
	return names, nil
}

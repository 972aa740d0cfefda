package proxy

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// moto 5.2.1 ignores MaxResults on ListIdentityPools and returns every pool
// at once (reference/moto-notes.md). AWS returns at most MaxResults (1-60)
// and a NextToken, so a client needs ceil(I/60) sequential calls; the proxy
// restores that by slicing moto's full answer.

// pageRequest is a ListIdentityPools request.
type pageRequest struct {
	MaxResults int
	offset     int
}

// tokenPrefix marks the proxy's NextTokens; AWS tokens are opaque too.
const tokenPrefix = "bench-offset-"

func parsePageRequest(body []byte) (pageRequest, error) {
	var in struct {
		MaxResults int
		NextToken  *string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return pageRequest{}, fmt.Errorf("parse ListIdentityPools request: %w", err)
	}
	if in.MaxResults < 1 || in.MaxResults > 60 {
		// AWS: "Valid Range: Minimum value of 1. Maximum value of 60.", required.
		return pageRequest{}, fmt.Errorf("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60", in.MaxResults)
	}
	pr := pageRequest{MaxResults: in.MaxResults}
	if in.NextToken != nil {
		n, err := strconv.Atoi(strings.TrimPrefix(*in.NextToken, tokenPrefix))
		if err != nil || !strings.HasPrefix(*in.NextToken, tokenPrefix) || n < 0 {
			return pageRequest{}, fmt.Errorf("invalid NextToken %q", *in.NextToken)
		}
		pr.offset = n
	}
	return pr, nil
}

// apply cuts moto's full answer down to the requested page.
func (pr pageRequest) apply(full []byte) ([]byte, error) {
	var all struct{ IdentityPools []json.RawMessage }
	if err := json.Unmarshal(full, &all); err != nil {
		return nil, fmt.Errorf("parse moto ListIdentityPools answer: %w", err)
	}
	start := min(pr.offset, len(all.IdentityPools))
	end := min(start+pr.MaxResults, len(all.IdentityPools))
	out := struct {
		IdentityPools []json.RawMessage
		NextToken     string `json:",omitempty"`
	}{IdentityPools: all.IdentityPools[start:end]}
	if out.IdentityPools == nil {
		out.IdentityPools = []json.RawMessage{}
	}
	if end < len(all.IdentityPools) {
		out.NextToken = tokenPrefix + strconv.Itoa(end)
	}
	return json.Marshal(out)
}

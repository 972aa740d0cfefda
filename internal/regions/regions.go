// Package regions knows the AWS regions where Amazon Cognito user pools
// exist: init offers them as a list and refuses any other --region, with
// the closest one as a suggestion.
package regions

import "strings"

// Region is one region code with the name AWS gives it.
type Region struct {
	Code string // us-east-1
	Name string // US East (N. Virginia)
}

// Cognito is every region with a cognito-idp endpoint, sorted by code.
//
// Source: botocore 1.43.11, botocore/data/endpoints.json, service
// "cognito-idp", partitions aws, aws-us-gov and aws-eusc, without the FIPS
// endpoints (the same list as the AWS "Regional services" page,
// https://aws.amazon.com/about-aws/global-infrastructure/regional-product-services/).
// China (aws-cn) and the isolated partitions have no Cognito user pools.
// Update it when AWS opens Cognito in a new region; until then such a
// region is refused by `ampgo init --region`.
var Cognito = []Region{
	{"af-south-1", "Africa (Cape Town)"},
	{"ap-east-1", "Asia Pacific (Hong Kong)"},
	{"ap-east-2", "Asia Pacific (Taipei)"},
	{"ap-northeast-1", "Asia Pacific (Tokyo)"},
	{"ap-northeast-2", "Asia Pacific (Seoul)"},
	{"ap-northeast-3", "Asia Pacific (Osaka)"},
	{"ap-south-1", "Asia Pacific (Mumbai)"},
	{"ap-south-2", "Asia Pacific (Hyderabad)"},
	{"ap-southeast-1", "Asia Pacific (Singapore)"},
	{"ap-southeast-2", "Asia Pacific (Sydney)"},
	{"ap-southeast-3", "Asia Pacific (Jakarta)"},
	{"ap-southeast-4", "Asia Pacific (Melbourne)"},
	{"ap-southeast-5", "Asia Pacific (Malaysia)"},
	{"ap-southeast-6", "Asia Pacific (New Zealand)"},
	{"ap-southeast-7", "Asia Pacific (Thailand)"},
	{"ca-central-1", "Canada (Central)"},
	{"ca-west-1", "Canada West (Calgary)"},
	{"eu-central-1", "Europe (Frankfurt)"},
	{"eu-central-2", "Europe (Zurich)"},
	{"eu-north-1", "Europe (Stockholm)"},
	{"eu-south-1", "Europe (Milan)"},
	{"eu-south-2", "Europe (Spain)"},
	{"eu-west-1", "Europe (Ireland)"},
	{"eu-west-2", "Europe (London)"},
	{"eu-west-3", "Europe (Paris)"},
	{"eusc-de-east-1", "AWS European Sovereign Cloud (Germany)"},
	{"il-central-1", "Israel (Tel Aviv)"},
	{"me-central-1", "Middle East (UAE)"},
	{"me-south-1", "Middle East (Bahrain)"},
	{"mx-central-1", "Mexico (Central)"},
	{"sa-east-1", "South America (Sao Paulo)"},
	{"us-east-1", "US East (N. Virginia)"},
	{"us-east-2", "US East (Ohio)"},
	{"us-gov-east-1", "AWS GovCloud (US-East)"},
	{"us-gov-west-1", "AWS GovCloud (US-West)"},
	{"us-west-1", "US West (N. California)"},
	{"us-west-2", "US West (Oregon)"},
}

// Known reports whether code is a region of Cognito.
func Known(code string) bool {
	for _, r := range Cognito {
		if r.Code == code {
			return true
		}
	}
	return false
}

// Closest returns the Cognito region nearest to code by edit distance (the
// first in list order on a tie), for "did you mean us-east-1?".
func Closest(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	best, bestD := "", -1
	for _, r := range Cognito {
		if d := distance(code, r.Code); bestD < 0 || d < bestD {
			best, bestD = r.Code, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b (bytes: region codes
// are ASCII).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

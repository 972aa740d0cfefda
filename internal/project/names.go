package project

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

// Names of stacks, parameters and project files live here, in one place
// (STYLE.md rule 7). File paths are slash-separated and relative to the
// project root.
const (
	// ProjectConfigFile marks a project root; Find looks for it.
	ProjectConfigFile = "amplify/.config/project-config.json"
	// LocalEnvInfoFile records the current environment (not committed).
	LocalEnvInfoFile = "amplify/.config/local-env-info.json"
	// LocalAWSInfoFile records the AWS profile per environment (not committed).
	LocalAWSInfoFile = "amplify/.config/local-aws-info.json"
	// LockFile is the lock that keeps two ampgo commands apart (not committed).
	LockFile = "amplify/.config/ampgo.lock"
	// journalFile lists the renames of a save in progress (see commit).
	journalFile = "amplify/.config/ampgo-journal.json"
	// TeamProviderInfoFile holds the per-environment values (committed).
	TeamProviderInfoFile = "amplify/team-provider-info.json"
	// BackendDir holds the committed description of every resource.
	BackendDir = "amplify/backend"
	// CurrentCloudBackendDir is the copy of BackendDir as of the last push.
	CurrentCloudBackendDir = "amplify/#current-cloud-backend"

	backendConfigName = "backend-config.json"
	metaName          = "amplify-meta.json"
	parametersName    = "parameters.json"

	// ProviderPlugin is the only provider ampgo knows.
	ProviderPlugin = "awscloudformation"
	// ProjectConfigVersion is the project-config.json version Amplify Gen 1 writes.
	ProjectConfigVersion = "3.1"
	// DefaultEditor is written to local-env-info.json; ampgo never opens an editor.
	DefaultEditor = "none"
	// GenerationOutputsFile is the Gen 2 style client config at the project root.
	GenerationOutputsFile = "amplify_outputs.json"
)

// Category names used in the project files.
const (
	CategoryAuth = "auth"
	// parametersKey is the backend-config.json key that is not a category.
	parametersKey = "parameters"
	// providersKey is the amplify-meta.json key that is not a category.
	providersKey = "providers"
)

// BackendConfigPath returns backend-config.json under base (BackendDir or
// CurrentCloudBackendDir).
func BackendConfigPath(base string) string { return path.Join(base, backendConfigName) }

// MetaPath returns amplify-meta.json under base (BackendDir or
// CurrentCloudBackendDir).
func MetaPath(base string) string { return path.Join(base, metaName) }

// ResourceDir returns the folder of one resource under base.
func ResourceDir(base, category, resource string) string {
	return path.Join(base, category, resource)
}

// ParametersPath returns parameters.json of one resource under base.
func ParametersPath(base, category, resource string) string {
	return path.Join(ResourceDir(base, category, resource), parametersName)
}

// StackName is the root CloudFormation stack of an environment. Unlike the
// Amplify CLI, which appends a timestamp, ampgo's name is deterministic so a
// lost team-provider-info.json can be rebuilt from the project and env names.
func StackName(project, env string) string {
	return "amplify-" + project + "-" + env
}

// AuthStackName is the stack of an environment's managed auth (issue 14):
// its own stack, so that a failed or rolled-back update of storage,
// functions or APIs never touches the user pool, and every category
// references the created resources by id exactly as it references
// imported ones.
func AuthStackName(project, env string) string {
	return StackName(project, env) + "-auth"
}

// ParameterKey is the name of an environment parameter in backend-config.json
// "parameters" (and in SSM): AMPLIFY_<category>_<resource>_<param>.
func ParameterKey(category, resource, param string) string {
	return "AMPLIFY_" + category + "_" + resource + "_" + param
}

var nonWordRun = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// ResourceName is the auth resource name ampgo uses for a project: the project
// name lower-cased, each run of characters outside [A-Za-z0-9_] replaced by
// one "_". There is no UUID suffix: ampgo is deterministic, like Amplify's
// headless import (reference §4.4a), so re-running an import names it the same.
func ResourceName(projectName string) string {
	return nonWordRun.ReplaceAllString(strings.ToLower(projectName), "_")
}

var (
	projectNameRE  = regexp.MustCompile(`^[A-Za-z0-9]{3,20}$`)
	envNameRE      = regexp.MustCompile(`^[a-z]{2,10}$`)
	resourceNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	nonAlnum       = regexp.MustCompile(`[^A-Za-z0-9]`)
)

// ValidateProjectName checks the Amplify CLI rule for project names: 3 to 20
// letters or digits (amplify-cli project-name-validation.ts).
func ValidateProjectName(name string) error {
	if projectNameRE.MatchString(name) {
		return nil
	}
	return exit.UsageErrorf("use 3 to 20 letters or digits, for example --project "+NormalizeProjectName(name),
		"invalid project name %q: must be 3 to 20 letters or digits", name)
}

// NormalizeProjectName turns any string (typically the folder name) into a
// valid project name: characters other than letters and digits are dropped,
// the result is cut to 20 characters and, when shorter than 3, "app" is
// appended (the Amplify CLI appends random characters; ampgo stays
// deterministic).
func NormalizeProjectName(s string) string {
	s = nonAlnum.ReplaceAllString(s, "")
	if len(s) > 20 {
		s = s[:20]
	}
	if len(s) < 3 {
		s += "app"
	}
	return s
}

// ValidProjectName reports whether name is a valid project name (see
// ValidateProjectName).
func ValidProjectName(name string) bool { return projectNameRE.MatchString(name) }

// ValidEnvName reports whether name is a valid environment name (see
// ValidateEnvName).
func ValidEnvName(name string) bool { return envNameRE.MatchString(name) }

// ValidateEnvName checks the Amplify CLI rule for environment names: 2 to 10
// lower-case letters (amplify-cli s0-analyzeProject.ts isEnvNameValid).
func ValidateEnvName(name string) error {
	if envNameRE.MatchString(name) {
		return nil
	}
	return exit.UsageErrorf("use 2 to 10 lower-case letters, for example dev or prod",
		"invalid environment name %q: must be 2 to 10 lower-case letters", name)
}

// ValidateRegion checks that region is an AWS region code, by the rule of
// --region (ids.Region), and makes a miss a usage error with a fix.
func ValidateRegion(region string) error {
	if ids.Region(region) == nil {
		return nil
	}
	if region == "" {
		return exit.UsageErrorf("pass --region (for example --region us-east-1) or set AWS_REGION",
			"missing region")
	}
	return exit.UsageErrorf("pass a region code such as us-east-1 or eu-west-1",
		"invalid region %q", region)
}

// checkResourceName refuses names that are not safe as a folder name, so a
// hand-edited backend-config.json cannot make ampgo write outside amplify/.
func checkResourceName(name string) error {
	if resourceNameRE.MatchString(name) {
		return nil
	}
	return fmt.Errorf("invalid resource name %q: use letters, digits, '_' and '-'", name)
}

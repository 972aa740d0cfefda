package clientconfig

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// fakeSecrets is a SecretReader with one answer; it records the client it
// was asked about.
type fakeSecrets struct {
	secret string
	err    error
	asked  []string
}

func (f *fakeSecrets) ClientSecret(_ context.Context, poolID, clientID string) (string, error) {
	f.asked = append(f.asked, poolID+"/"+clientID)
	return f.secret, f.err
}

// missingClient stands for cognito.NotFoundError: exit code 3.
type missingClient struct{}

func (missingClient) Error() string { return "app client 7native not found" }
func (missingClient) ExitCode() int { return exit.Requirements }

func TestAddNativeSecret(t *testing.T) {
	auth := func(native string) *AuthConfig {
		return &AuthConfig{UserPoolID: "eu-west-1_AbC", WebClientID: "4web", NativeClientID: native}
	}
	tests := []struct {
		name      string
		frontend  string
		format    Format
		auth      *AuthConfig
		reader    *fakeSecrets
		readerErr error // from building the reader (AWS config)
		wantCode  int
		wantErr   string
		wantFound bool
		wantAsked string // pool/client read; "" when the reader must not be built
	}{
		{name: "android, all files", frontend: project.FrontendAndroid, format: FormatAll, auth: auth("7native"),
			reader: &fakeSecrets{secret: "s3cr3t"}, wantFound: true, wantAsked: "eu-west-1_AbC/7native"},
		{name: "ios, amplifyconfiguration", frontend: project.FrontendIOS, format: FormatAmplifyConfiguration, auth: auth("7native"),
			reader: &fakeSecrets{secret: "s3cr3t"}, wantFound: true, wantAsked: "eu-west-1_AbC/7native"},
		{name: "flutter, native client defaults to the web client", frontend: project.FrontendFlutter, format: FormatAll, auth: auth(""),
			reader: &fakeSecrets{secret: "s3cr3t"}, wantFound: true, wantAsked: "eu-west-1_AbC/4web"},
		{name: "client without a secret: nothing to add", frontend: project.FrontendAndroid, format: FormatAll, auth: auth("7native"),
			reader: &fakeSecrets{}, wantAsked: "eu-west-1_AbC/7native"},
		{name: "javascript runs in browsers", frontend: project.FrontendJavaScript, format: FormatAll, auth: auth("7native"),
			reader: &fakeSecrets{secret: "s3cr3t"}, wantCode: exit.Usage, wantErr: "native configs only"},
		{name: "amplify_outputs.json uses the web client", frontend: project.FrontendAndroid, format: FormatOutputs, auth: auth("7native"),
			reader: &fakeSecrets{secret: "s3cr3t"}, wantCode: exit.Usage, wantErr: "native configs only"},
		{name: "aws-exports is a browser file", frontend: project.FrontendIOS, format: FormatAWSExports, auth: auth("7native"),
			reader: &fakeSecrets{secret: "s3cr3t"}, wantCode: exit.Usage, wantErr: "native configs only"},
		{name: "no pushed auth", frontend: project.FrontendAndroid, format: FormatAll,
			reader: &fakeSecrets{secret: "s3cr3t"}, wantCode: exit.Usage, wantErr: "no pushed auth"},
		{name: "no credentials: the reader's error", frontend: project.FrontendAndroid, format: FormatAll, auth: auth("7native"),
			readerErr: exit.CredentialsError(errors.New("no credentials"), "log in"), wantCode: exit.Credentials, wantErr: "no credentials"},
		{name: "client deleted: exit 3 with a fix", frontend: project.FrontendAndroid, format: FormatAll, auth: auth("7native"),
			reader: &fakeSecrets{err: missingClient{}}, wantCode: exit.Requirements, wantErr: "7native not found", wantAsked: "eu-west-1_AbC/7native"},
		{name: "other read failure as it is", frontend: project.FrontendAndroid, format: FormatAll, auth: auth("7native"),
			reader: &fakeSecrets{err: errors.New("connection reset")}, wantCode: exit.Failure, wantErr: "connection reset", wantAsked: "eu-west-1_AbC/7native"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Config{Auth: tt.auth}
			built := false
			found, err := AddNativeSecret(context.Background(), tt.frontend, tt.format, &c, func() (SecretReader, error) {
				built = true
				if tt.readerErr != nil {
					return nil, tt.readerErr
				}
				return tt.reader, nil
			})
			if exit.Code(err) != tt.wantCode || (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("AddNativeSecret = %v (exit %d), want exit %d with %q", err, exit.Code(err), tt.wantCode, tt.wantErr)
			}
			if (tt.wantCode == exit.Usage || tt.wantCode == exit.Requirements) && exit.Hint(err) == "" {
				t.Errorf("no fix for %v", err)
			}
			if tt.wantCode == exit.Usage && built {
				t.Error("the reader (AWS config) was built for a refused request")
			}
			if tt.reader != nil && strings.Join(tt.reader.asked, ",") != tt.wantAsked {
				t.Errorf("read %q, want %q", tt.reader.asked, tt.wantAsked)
			}
			if found != tt.wantFound {
				t.Errorf("found = %v, want %v", found, tt.wantFound)
			}
			var secret string
			if c.Auth != nil {
				secret = c.Auth.NativeClientSecret
			}
			if want := map[bool]string{true: "s3cr3t"}[tt.wantFound]; secret != want {
				t.Errorf("NativeClientSecret = %q, want %q", secret, want)
			}
		})
	}
}

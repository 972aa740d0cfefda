package awsx

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/exit"
)

// ParameterReader reads SSM Parameter Store values (managed auth's social
// provider credentials, issue 14) with one signed GetParameter request
// (the awsJson1_1 protocol), sent through cfg's HTTP client (bounded by
// --call-timeout), credentials and retryer. It does not use the SDK's ssm
// package on purpose: that package's schemas cost every ampgo start 5-6 ms
// of initialisation (GODEBUG=inittrace=1), for one call that few pushes
// make.
type ParameterReader struct {
	cfg aws.Config
	now func() time.Time
}

// NewParameterReader builds a ParameterReader on cfg.
func NewParameterReader(cfg aws.Config) *ParameterReader {
	return &ParameterReader{cfg: cfg, now: time.Now}
}

// Value returns the parameter's value, decrypted when it is a
// SecureString. A missing parameter is an exit-2 error naming it.
func (r *ParameterReader) Value(ctx context.Context, name string) (string, error) {
	body, err := json.Marshal(map[string]any{"Name": name, "WithDecryption": true})
	if err != nil {
		return "", err
	}
	retryer := r.cfg.Retryer
	var out struct{ Parameter struct{ Value string } }
	for attempt := 1; ; attempt++ {
		err = r.call(ctx, "GetParameter", body, &out)
		if err == nil {
			return out.Parameter.Value, nil
		}
		if retryer == nil || ctx.Err() != nil || attempt >= retryer().MaxAttempts() || !retryer().IsErrorRetryable(err) {
			break
		}
		delay, derr := retryer().RetryDelay(attempt, err)
		if derr != nil {
			break
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(delay):
		}
	}
	if ErrorCode(err) == "ParameterNotFound" {
		return "", exit.UsageErrorf(fmt.Sprintf("create it: `aws ssm put-parameter --name %s --type SecureString --value …`, or set the variable instead", name),
			"read SSM parameter %s: it does not exist", name)
	}
	return "", Classify(fmt.Errorf("read SSM parameter %s: %w", name, err), "ssm:GetParameter")
}

// call sends one request of SSM operation op and decodes the answer into
// out; an error answer is a smithy.GenericAPIError with AWS's code.
func (r *ParameterReader) call(ctx context.Context, op string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "AmazonSSM."+op)
	creds, err := r.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "ssm", r.cfg.Region, r.now()); err != nil {
		return err
	}
	resp, err := r.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}
		_ = json.Unmarshal(data, &e)
		code := e.Type[strings.LastIndex(e.Type, "#")+1:]
		if code == "" {
			code = http.StatusText(resp.StatusCode)
		}
		return &smithy.GenericAPIError{Code: code, Message: e.Message}
	}
	return json.Unmarshal(data, out)
}

// endpoint is AWS_ENDPOINT_URL (the config's base endpoint) or the
// region's SSM endpoint.
func (r *ParameterReader) endpoint() string {
	if r.cfg.BaseEndpoint != nil && *r.cfg.BaseEndpoint != "" {
		return strings.TrimRight(*r.cfg.BaseEndpoint, "/") + "/"
	}
	host := "amazonaws.com"
	if strings.HasPrefix(r.cfg.Region, "cn-") {
		host = "amazonaws.com.cn"
	}
	return "https://ssm." + r.cfg.Region + "." + host + "/"
}

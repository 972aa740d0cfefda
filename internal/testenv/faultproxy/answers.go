package faultproxy

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// protocol is the wire protocol of a call, which decides the error shape.
type protocol int

const (
	awsJSON  protocol = iota // Cognito: X-Amz-Target, {"__type":…}
	query                    // IAM, STS, CloudFormation: Action=…, <ErrorResponse>
	restXML                  // S3: <Error><Code>…
	restJSON                 // Lambda: X-Amzn-ErrorType header
)

func protocolOf(c awsop.Call) protocol {
	switch {
	case c.Protocol == awsop.JSON:
		return awsJSON
	case c.Service == "s3":
		return restXML
	case c.Service == "lambda":
		return restJSON
	default:
		return query
	}
}

// errorAnswer is what the service answers for kind: the codes AWS uses, so
// the SDK classifies them as it would in production (500/503 are transient,
// the throttle codes are throttling errors).
func errorAnswer(p protocol, kind Kind, op string) (int, http.Header, []byte) {
	status, code, msg := http.StatusInternalServerError, "InternalErrorException", "Internal server error"
	switch kind {
	case HTTP503:
		status, code, msg = http.StatusServiceUnavailable, "ServiceUnavailable", "Service is unavailable, try again later"
	case Throttle:
		status, code, msg = http.StatusBadRequest, "TooManyRequestsException", "Rate exceeded"
	}
	h := http.Header{}
	h.Set("X-Amzn-RequestId", requestID())
	switch p {
	case awsJSON, restJSON:
		if p == restJSON && kind == Throttle {
			status = http.StatusTooManyRequests
		}
		b, _ := json.Marshal(map[string]string{"__type": code, "message": msg})
		h.Set("Content-Type", "application/x-amz-json-1.1")
		h.Set("X-Amzn-ErrorType", code)
		return status, h, b
	case restXML:
		switch kind {
		case Throttle:
			status, code = http.StatusServiceUnavailable, "SlowDown"
		case HTTP500:
			code = "InternalError"
		}
		h.Set("Content-Type", "application/xml")
		return status, h, []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+
			`<Error><Code>%s</Code><Message>%s</Message><RequestId>%s</RequestId></Error>`, code, msg, h.Get("X-Amzn-RequestId")))
	default:
		typ := "Receiver"
		switch kind {
		case Throttle:
			typ, code = "Sender", "Throttling"
		case HTTP500:
			code = "InternalFailure"
		}
		h.Set("Content-Type", "text/xml")
		return status, h, []byte(fmt.Sprintf(`<ErrorResponse><Error><Type>%s</Type><Code>%s</Code><Message>%s (%s)</Message></Error>`+
			`<RequestId>%s</RequestId></ErrorResponse>`, typ, code, msg, op, h.Get("X-Amzn-RequestId")))
	}
}

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

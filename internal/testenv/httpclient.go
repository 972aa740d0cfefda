package testenv

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// newHTTPClient returns the HTTP client of AWSConfig. It works around a
// race between smithy-go and net/http that moto makes visible (about one
// call in 5,000 here): net/http, after sending a request body, reads the
// body once more to check that it is empty; smithy-go closes its body
// wrapper as soon as the response headers arrive, and after that its
// WriteTo returns io.EOF as an error. With a fast local server that
// answers and closes the connection in between, net/http takes the EOF
// as a failed write, closes the connection, and the response body read
// fails with "use of closed network connection". The SDK would retry
// that, but test configs make a single attempt. Buffering the body into
// a reader that nobody else closes removes the race.
func newHTTPClient() *http.Client {
	base := http.DefaultTransport.(*http.Transport).Clone()
	return &http.Client{Transport: bufferedBody{base: base}}
}

// bufferedBody is an http.RoundTripper that sends a private in-memory copy
// of each request body.
type bufferedBody struct{ base http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (b bufferedBody) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return b.base.RoundTrip(req)
	}
	data, err := io.ReadAll(req.Body)
	req.Body.Close() // a RoundTripper must close the body, even on error
	if err != nil {
		return nil, fmt.Errorf("buffer request body: %w", err)
	}
	clone := req.Clone(req.Context())
	clone.Body = io.NopCloser(bytes.NewReader(data))
	clone.GetBody = func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	clone.ContentLength = int64(len(data))
	return b.base.RoundTrip(clone)
}

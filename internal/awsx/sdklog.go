package awsx

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/aws/smithy-go/logging"
)

// sdkLogger returns where the SDK's own log lines go: nowhere, or the
// --debug writer with a "debug: sdk" prefix. They never reach stderr
// otherwise (issue 10: "WARN Response has no supported checksum" leaked).
func sdkLogger(debug io.Writer) logging.Logger {
	if debug == nil {
		return logging.Nop{}
	}
	return &debugLogger{w: debug}
}

// debugLogger writes SDK log lines, one per line, to the --debug writer.
type debugLogger struct {
	mu sync.Mutex
	w  io.Writer
}

// Logf implements logging.Logger.
func (l *debugLogger) Logf(c logging.Classification, format string, v ...any) {
	msg := strings.TrimRight(fmt.Sprintf(format, v...), "\n")
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "debug: sdk %s %s\n", c, msg)
}

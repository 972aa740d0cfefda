//go:build !linux

package run

import "os"

// maxRSS is not measured off Linux (ru_maxrss units differ by platform).
func maxRSS(*os.ProcessState) int64 { return 0 }

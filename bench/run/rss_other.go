//go:build !linux

package run

// watchRSS does not measure off Linux (no /proc/<pid>/status).
func watchRSS(int) (stop func() int64) { return func() int64 { return 0 } }

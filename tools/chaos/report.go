package main

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

// report prints the Markdown table and the first offending runs, writes
// them to -o, and returns the exit code: 1 when any invariant broke.
func report(o *options, all []*outcome, took time.Duration, stopped bool) int {
	sort.Slice(all, func(i, j int) bool { return all[i].p.Run < all[j].p.Run })
	var (
		codes                                          = map[string]int{}
		consistent, snapOK, outsideOK                  int
		leftovers, locks, hangs, secrets, noFix, kills int
		longest                                        time.Duration
		longestRun                                     int
		bad                                            []*outcome
	)
	for _, r := range all {
		switch {
		case r.hung:
			codes["hung"]++
			hangs++
		case r.killed:
			codes["killed"]++
			kills++
		default:
			codes[fmt.Sprint(r.code)]++
		}
		if r.consistent {
			consistent++
		}
		if r.snapshotOK {
			snapOK++
		}
		if r.outsideOK {
			outsideOK++
		}
		if len(r.leftovers) > 0 {
			leftovers++
		}
		if r.lockLeft {
			locks++
		}
		if len(r.secrets) > 0 {
			secrets++
		}
		if r.noFix {
			noFix++
		}
		if r.elapsed > longest {
			longest, longestRun = r.elapsed, r.p.Run
		}
		if len(r.violations) > 0 {
			bad = append(bad, r)
		}
	}
	var b strings.Builder
	commit, _ := exec.Command("git", "describe", "--always", "--dirty").Output()
	fmt.Fprintf(&b, "`make chaos` on %s, commit %s, seed %d, %d workers, kill fraction %.2f, --call-timeout %s, %s",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), strings.TrimSpace(string(commit)), o.seed, o.workers, o.killFrac, o.callTimeout, took.Round(time.Second))
	if stopped {
		fmt.Fprintf(&b, " (stopped by -deadline %s after %d of %d runs)", o.deadline, len(all), o.runs)
	}
	b.WriteString("\n\n| measure | value |\n|---|---|\n")
	row := func(k string, v any) { fmt.Fprintf(&b, "| %s | %v |\n", k, v) }
	row("runs", len(all))
	row("exit codes", codeList(codes))
	row("killed with SIGKILL (then the next command ran)", kills)
	row("files consistent (old or new state)", fmt.Sprintf("%d / %d", consistent, len(all)))
	row("runs with leftovers (temp, trash, journal, in-flight record)", leftovers)
	row("locks left (next `env list` failed)", locks)
	row("longest run", fmt.Sprintf("%s (run %d)", longest.Round(time.Millisecond), longestRun))
	row("hangs (killed by the harness after -run-timeout "+o.runTimeout.String()+")", hangs)
	row("runs with a secret in a file or on the terminal", secrets)
	row("failures without \"Fix:\"", noFix)
	row("files outside the project unchanged", fmt.Sprintf("%d / %d", outsideOK, len(all)))
	row("Cognito snapshot unchanged", fmt.Sprintf("%d / %d", snapOK, len(all)))
	row("runs that broke an invariant", len(bad))
	if len(bad) > 0 {
		fmt.Fprintf(&b, "\nFirst offending runs (replay with `go run ./tools/chaos -seed %d -replay RUN`):\n\n", o.seed)
		for _, r := range bad[:min(len(bad), 12)] {
			fmt.Fprintf(&b, "- run %d, %s, %s, %s, exit %d: %s\n", r.p.Run, r.cmd, r.p.rules(), r.p.kill(), r.code, firstLine(r.violations[0]))
		}
		b.WriteString("\nBroken invariants by kind:\n\n")
		kinds := map[string]int{}
		for _, r := range bad {
			for _, v := range r.violations {
				kinds[kindOf(v)]++
			}
		}
		keys := make([]string, 0, len(kinds))
		for k := range kinds {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return kinds[keys[i]] > kinds[keys[j]] })
		for _, k := range keys {
			fmt.Fprintf(&b, "- %d× %s\n", kinds[k], k)
		}
	}
	fmt.Print(b.String())
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if len(bad) > 0 || len(all) == 0 {
		return 1
	}
	return 0
}

func codeList(codes map[string]int) string {
	keys := make([]string, 0, len(codes))
	for k := range codes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, codes[k])
	}
	return strings.Join(parts, ", ")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// kindOf shortens a violation to its kind, for the summary.
func kindOf(v string) string {
	for _, k := range []string{"hang", "without a \"Fix:\" line", "not in the contract", "panic", "torn project",
		"read-only command changed", "exit 0 but the project is unchanged", "leftovers", "lock", "outside the project",
		"secrets", "imported resources", "the next command", "harness"} {
		if strings.Contains(v, k) {
			return k
		}
	}
	return firstLine(v)
}

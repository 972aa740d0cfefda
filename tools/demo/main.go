// Command demo is `make demo`: it starts the patched moto on a loopback port,
// seeds a realistic "existing" Cognito setup with the AWS SDK (not with
// ampgo), then runs `ampgo init`, `ampgo import auth` and `ampgo push`
// headlessly in a temporary folder, prints the generated aws-exports.js and
// stops moto.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/ampgo/ampgo/internal/testenv"
)

func main() {
	ampgo := flag.String("ampgo", "bin/ampgo", "path of the ampgo binary")
	keep := flag.Bool("keep", false, "keep the project folder")
	flag.Parse()
	if err := run(*ampgo, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(ampgo string, keep bool) error {
	bin, err := filepath.Abs(ampgo)
	if err != nil {
		return err
	}
	step("starting the local AWS emulator (patched moto)")
	moto, err := testenv.StartMain()
	if err != nil {
		return err
	}
	defer moto.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	step("creating an existing Cognito setup with the AWS SDK")
	s, err := testenv.Seed(ctx, moto.AWSConfig("us-east-1"), testenv.SetupOptions{Suffix: "demo"})
	if err != nil {
		return fmt.Errorf("seed cognito setup: %w", err)
	}
	fmt.Printf("  user pool      %s (%s), hosted UI domain %s, Google provider\n", s.UserPoolName, s.UserPoolID, s.Domain)
	fmt.Printf("  web client     %s (%s), no secret\n", s.WebClientName, s.WebClientID)
	fmt.Printf("  native client  %s (%s), with secret\n", s.NativeClientName, s.NativeClientID)
	fmt.Printf("  identity pool  %s (%s)\n", s.IdentityPoolName, s.IdentityPoolID)
	fmt.Printf("  roles          %s, %s\n", s.AuthRoleARN, s.UnauthRoleARN)

	dir, err := os.MkdirTemp("", "ampgo-demo-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(dir)
	}
	env := append(os.Environ(), moto.Env()...)
	cmds := [][]string{
		{"init", "--project", "acmeapp", "--env", "dev", "--region", "us-east-1", "--frontend", "javascript", "--yes"},
		{"import", "auth", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID,
			"--native-client-id", s.NativeClientID, "--identity-pool-id", s.IdentityPoolID, "--yes"},
		{"status"},
		{"push", "--yes"},
	}
	for _, args := range cmds {
		step("ampgo " + join(args))
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, os.Stdout, os.Stdout
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("ampgo %s: %w", args[0], err)
		}
	}
	out, err := os.ReadFile(filepath.Join(dir, "src", "aws-exports.js"))
	if err != nil {
		return err
	}
	step("generated src/aws-exports.js")
	os.Stdout.Write(out)
	if keep {
		fmt.Printf("\nproject kept in %s\n", dir)
	}
	return nil
}

func step(msg string) { fmt.Printf("\n==> %s\n", msg) }

func join(args []string) string {
	out := ""
	for i, a := range args {
		if i > 0 {
			out += " "
		}
		out += a
	}
	return out
}

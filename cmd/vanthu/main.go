// Command vanthu serves the vanthu API and offers the operator's sub-commands.
//
//	vanthu [serve]                      run the HTTP API (the default)
//	vanthu migrate                      apply the database migrations and exit
//	vanthu render FILE.json -o OUT.docx render a document or a form submission to .docx
//	vanthu directory export|import      move the organisation directory in and out as CSV
//	vanthu user add LOGIN -role admin   create a user (the first admin, on a new server)
//	vanthu token add LOGIN              print a new API token of a user
//	vanthu audit verify                 check the audit log's hash chain
//
// Every setting is a flag with an environment override (see config.go). This package only
// parses configuration and wires the packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "vanthu:", err)
		}
		os.Exit(1)
	}
}

// run dispatches to a sub-command.
func run(ctx context.Context, args []string) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args)
	case "migrate":
		return migrate(ctx, args)
	case "render":
		return render(ctx, args)
	case "directory":
		return directoryCmd(ctx, args)
	case "user":
		return userCmd(ctx, args)
	case "audit":
		return auditCmd(ctx, args)
	case "token":
		return tokenCmd(ctx, args)
	case "help", "-h", "--help":
		fmt.Fprint(os.Stderr, usage)
		return nil
	default:
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}
}

const usage = `usage:
  vanthu [serve] [flags]                   run the HTTP API (flags: vanthu serve -h)
  vanthu migrate [flags]                   apply database migrations
  vanthu render FILE.json [-o OUT.docx]    render a document or form submission
  vanthu directory export [-units F] [-groups F]
  vanthu directory import [-units F] [-groups F]
  vanthu user add LOGIN -role ROLE [-unit ID] [-name NAME] [-password-stdin]
  vanthu token add LOGIN [-name NAME] [-days N]
  vanthu audit verify
`

// newLogger returns the text logger at the configured level.
func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

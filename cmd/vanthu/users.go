package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"vanthu/access"
	"vanthu/accounts"
)

// userCmd creates a user from the command line: the way the first admin of a new server
// comes to exist. The password is read from standard input with -password-stdin, or
// generated and printed once to standard output (never to the log).
func userCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("user: say add: vanthu user add LOGIN -role admin [-unit ID]")
	}
	args = args[1:]
	var login string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		login, args = args[0], args[1:]
	}
	cfg := defaultConfig()
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	cfg.bind(fs)
	role := fs.String("role", "", "the role: admin, secretariat, inspector, unit, leader (templates/roles)")
	unit := fs.String("unit", "", "the unit the role is held in (default: the whole organisation)")
	name := fs.String("name", "", "full name (default: the login)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if login == "" && fs.NArg() > 0 {
		login = fs.Arg(0)
	}
	if login == "" || *role == "" {
		return errors.New("user add: give a login and -role: vanthu user add LOGIN -role admin")
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password, generated = rand.Text(), true
	}
	if *name == "" {
		*name = login
	}
	cfg.Demo = false
	a, err := openApp(ctx, cfg, newLogger(cfg.LogLevel))
	if err != nil {
		return err
	}
	defer a.db.Close()
	u, err := a.accounts.CreateUser(system(ctx, "vanthu user add"), accounts.NewUser{Login: login, Name: *name,
		Password: password, Roles: []access.UserGrant{{Role: *role, UnitID: *unit}}})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(os.Stderr, "vanthu: user %s (id %d) created with role %s\n", u.Login, u.ID, *role)
	if generated {
		fmt.Printf("password: %s\n", password)
		fmt.Fprintln(os.Stderr, "vanthu: the password above is shown once; change it after signing in (PUT /api/me/password)")
	}
	return nil
}

// auditCmd checks the audit log's hash chain and names the first broken row.
func auditCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("audit: say verify: vanthu audit verify")
	}
	cfg := defaultConfig()
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	cfg.bind(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	cfg.Demo = false
	a, err := openApp(ctx, cfg, newLogger(cfg.LogLevel))
	if err != nil {
		return err
	}
	defer a.db.Close()
	n, err := a.accounts.VerifyAudit(system(ctx, "vanthu audit verify"))
	if err != nil {
		return fmt.Errorf("audit log BROKEN after %d good rows: %w", n, err)
	}
	fmt.Printf("audit log intact: %d rows\n", n)
	return nil
}

// tokenCmd creates an API token for an existing user and prints it once to standard
// output: for scripts and load tests run by the operator on the server.
func tokenCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("token: say add: vanthu token add LOGIN [-name NAME] [-days N]")
	}
	args = args[1:]
	var login string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		login, args = args[0], args[1:]
	}
	cfg := defaultConfig()
	fs := flag.NewFlagSet("token add", flag.ContinueOnError)
	cfg.bind(fs)
	name := fs.String("name", "vanthu token add", "what the token is for")
	days := fs.Int("days", 90, "lifetime in days, 1 to 365")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if login == "" {
		return errors.New("token add: give the login: vanthu token add LOGIN")
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	cfg.Demo = false
	a, err := openApp(ctx, cfg, newLogger(cfg.LogLevel))
	if err != nil {
		return err
	}
	defer a.db.Close()
	t, err := a.accounts.TokenFor(system(ctx, "vanthu token add"), login, accounts.NewToken{Name: *name, ExpiresInDays: *days})
	if err != nil {
		return describe(err)
	}
	fmt.Println(t.Secret)
	return nil
}

package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/sprintkit/sprintkit/internal/serve"
)

func runServe(ctx context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var (
		port int
		bind string
		poll bool
	)
	fs := c.flags(&root, stderr)
	fs.IntVar(&port, "port", 1313, "the port to listen on")
	fs.StringVar(&bind, "bind", "127.0.0.1", "the address to listen on; 0.0.0.0 lets everyone on the network who can reach this machine read the site")
	fs.BoolVar(&poll, "poll", false, "watch for changes by polling (network shares, WSL, containers)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("serve takes no arguments, got %q", pos)}
	}
	if port < 0 || port > 65535 {
		return usageError{fmt.Sprintf("--port %d is not a port (0 to 65535)", port)}
	}
	if bind != "localhost" && net.ParseIP(bind) == nil {
		return usageError{fmt.Sprintf("--bind %q is not an IP address (such as 127.0.0.1 or 0.0.0.0)", bind)}
	}
	if _, err := today(); err != nil {
		return err
	}
	return serve.Run(ctx, serve.Options{
		Root: root,
		Addr: net.JoinHostPort(bind, strconv.Itoa(port)),
		Poll: poll,
		// The day moves on while the server runs. today() fails only
		// on a SOURCE_DATE_EPOCH that is no number, found above.
		Day: func() time.Time {
			d, _ := today()
			return d
		},
		Stdout: stdout,
		Stderr: stderr,
	})
}

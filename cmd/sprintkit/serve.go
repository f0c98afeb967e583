package main

import (
	"context"
	"errors"
	"io"
)

func runServe(ctx context.Context, args []string, root string, stdout, stderr io.Writer) error {
	return errors.New("serve: not written yet")
}

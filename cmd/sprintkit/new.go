package main

import (
	"errors"
	"io"
)

func runNew(args []string, root string, stdout, stderr io.Writer) error {
	return errors.New("new: not written yet")
}

func runInit(args []string, root string, stdout, stderr io.Writer) error {
	return errors.New("init: not written yet")
}

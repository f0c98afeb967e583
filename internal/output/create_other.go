//go:build !unix

package output

import "os"

// create opens the file name for writing, made empty or new.
func create(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}

//go:build !linux

package output

import "errors"

// exchangeDirs is not available here; Write falls back to two renames.
func exchangeDirs(a, b string) error {
	return errors.ErrUnsupported
}

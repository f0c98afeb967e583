package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sprintkit/sprintkit/internal/schema"
	"github.com/sprintkit/sprintkit/internal/site"
)

// runSchema writes the JSON Schemas of the site's TOML files into
// ROOT/.sprintkit/schema/, replacing the ones there: they are sprintkit's
// own, made again from the table of keys. The help in them is in the
// site's language, or --language.
func runSchema(_ context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var lang string
	fs := c.flags(&root, stderr)
	fs.StringVar(&lang, "language", "", "the language of the help in the schemas: sv or en (default: the site's)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("schema takes no arguments, got %q", pos)}
	}
	if lang == "" {
		fsys, closer, err := site.OpenFolder(root)
		if err != nil {
			return err
		}
		s, err := site.LoadSettings(fsys)
		closer.Close()
		if err != nil {
			return err
		}
		lang = s.Language
	}
	if !site.Languages.Has(lang) {
		return usageError{fmt.Sprintf("--language %q: sprintkit speaks %s", lang, strings.Join(site.Languages.Values, " and "))}
	}
	for _, f := range schema.Files(lang) {
		if err := replaceFile(filepath.Join(root, filepath.FromSlash(f.Path)), f.Data); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(root, filepath.FromSlash(f.Path)))
	}
	return nil
}

// replaceFile writes data to name through a temporary file beside it and a
// rename, so that an editor never reads half a schema.
func replaceFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".schema-*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

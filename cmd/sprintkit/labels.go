package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// runLabels prints every label key with its text in both languages, as
// content/site.toml's [labels] table takes it: the site's language (or
// --language) as the value, the other as a comment.
func runLabels(_ context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var lang string
	fs := c.flags(&root, stderr)
	fs.StringVar(&lang, "language", "", "the language of the values: sv or en (default: the site's, or en outside a site)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("labels takes no arguments, got %q", pos)}
	}
	if lang == "" {
		lang = "en"
		if fsys, closer, err := site.OpenFolder(root); err == nil {
			s, _ := site.LoadSettings(fsys)
			closer.Close()
			lang = s.Language
		}
	}
	if !site.Languages.Has(lang) {
		return usageError{fmt.Sprintf("--language %q: sprintkit speaks %s", lang, strings.Join(site.Languages.Values, " and "))}
	}
	return labels.WriteTOML(stdout, lang)
}

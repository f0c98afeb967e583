package build

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
	"golang.org/x/tools/txtar"
)

// FuzzSite builds whole site folders, written as txtar archives, from an
// in-memory file system: whatever the files hold and are named, the build
// never panics, fails only with problems that name a file or folder of
// the site, and a site that loads is built with its front page.
func FuzzSite(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range seeds {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(txtar.Format(ar))
	}
	f.Add([]byte("-- content/site.toml --\ntitle = \"x\"\n-- sprints/a/sprint.toml --\ntitle = \"y\"\n-- content/studies/s.md --\n+++\ntitle = \"s\"\n+++\n"))
	today := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for _, file := range txtar.Parse(data).Files {
			// A file system has no such names as "a//b" or "../a": MapFS
			// would make endless folders of them.
			if !fs.ValidPath(file.Name) {
				continue
			}
			fsys[file.Name] = &fstest.MapFile{Data: file.Data, Mode: 0o644}
		}
		var w memWriter
		_, err := Build(fsys, today, &w)
		if err == nil {
			if _, ok := w.files["index.html"]; !ok {
				t.Fatal("a site that built has no index.html")
			}
			return
		}
		var probs site.Problems
		if !errors.As(err, &probs) {
			// Templates are the site's own code: their errors are not
			// problems of the plan files, but still errors, not panics.
			return
		}
		for _, p := range probs {
			// A template's problem may be in a default template.
			if strings.HasPrefix(p.Path, "templates/") || p.Path == "content/site.toml" {
				continue
			}
			if _, err := fs.Stat(fsys, p.Path); err != nil {
				t.Fatalf("problem names %q, which is not in the site: %s", p.Path, p.Msg)
			}
		}
	})
}

package scaffold

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// tree lists every file and folder under dir.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteUndoesWhenACreateFails(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "sprints"), 0o755)
	// The same file twice: it is missing when checked, and the second
	// exclusive create fails after the folder and the first file were made.
	p := Plan{
		Dirs: []string{"sprints/a"},
		Files: []File{
			{Path: "sprints/a/sprint.toml", Data: []byte("x")},
			{Path: "content/deep/new.md", Data: []byte("y")},
			{Path: "sprints/a/sprint.toml", Data: []byte("z")},
		},
	}
	err := Write(root, p)
	if err == nil || !strings.Contains(err.Error(), "sprints/a/sprint.toml: already exists") {
		t.Fatalf("Write = %v, want an already-exists error", err)
	}
	if got := tree(t, root); strings.Join(got, " ") != ". sprints" {
		t.Errorf("after a failed Write the folder holds %q, want only what was there before", got)
	}
}

func TestWriteRefusesExistingFolderAndFile(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "sprints", "a"), 0o755)
	err := Write(root, Plan{Dirs: []string{"sprints/a"}, Files: []File{{Path: "sprints/a/notes.md"}}})
	if err == nil || !strings.Contains(err.Error(), "sprints/a: already exists") {
		t.Errorf("Write over a folder = %v", err)
	}
	os.WriteFile(filepath.Join(root, "x.md"), []byte("mine"), 0o644)
	err = Write(root, Plan{Files: []File{{Path: "y.md", Data: []byte("new")}, {Path: "x.md", Data: []byte("new")}}})
	if err == nil || !strings.Contains(err.Error(), "x.md: already exists") {
		t.Errorf("Write over a file = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "x.md")); string(b) != "mine" {
		t.Errorf("x.md = %q, want it unchanged", b)
	}
	if _, err := os.Stat(filepath.Join(root, "y.md")); err == nil {
		t.Errorf("y.md was made although the plan was refused")
	}
}

func TestQuoteRoundTrips(t *testing.T) {
	for _, s := range []string{`plain`, `"citat" och \ snedstreck`, "rad\nny rad\ttab", "kontroll\x01\x7f", "Åtgärd – del 2 …"} {
		var v struct{ K string }
		if _, err := toml.Decode("k = "+quote(s), &v); err != nil {
			t.Errorf("quote(%q) = %s: %v", s, quote(s), err)
			continue
		}
		if v.K != s {
			t.Errorf("quote(%q) decodes to %q", s, v.K)
		}
	}
}

func TestNewSiteNeedsAKnownLanguage(t *testing.T) {
	if _, err := NewSite("", "de", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("NewSite with language de: no error")
	}
}

// TestWriteStaysInTheSite writes a plan into a site whose content/studies
// is a link to a folder outside it: Write fails, and nothing is written
// outside the site.
func TestWriteStaysInTheSite(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "content", "studies")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	err := Write(root, Plan{Files: []File{{Path: "content/studies/ut.md", Data: []byte("x")}}})
	if err == nil {
		t.Fatal("Write through a link out of the site: no error")
	}
	if got := tree(t, outside); strings.Join(got, " ") != "." {
		t.Errorf("Write put %q outside the site", got)
	}
}

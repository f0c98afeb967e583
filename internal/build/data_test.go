package build

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// dataGolden is the part of a build that golden leaves out and a person
// reads when it changes: the data files (.csv, .ics, .json). The CSV's
// byte-order mark is shown as <BOM> and CRLF line ends as LF, so that the
// golden file reads and diffs as text; internal/render's tests check
// those bytes.
func dataGolden(files map[string][]byte) []byte {
	var names []string
	for n := range files {
		switch filepath.Ext(n) {
		case ".csv", ".ics", ".json":
			names = append(names, n)
		}
	}
	slices.Sort(names)
	ar := &txtar.Archive{Comment: []byte("The data files built from the archive of the same name (the CSV's byte-order mark\nshown as <BOM>, CRLF as LF); rewrite with go test -update.\n")}
	for _, n := range names {
		d := bytes.ReplaceAll(files[n], []byte("\r\n"), []byte("\n"))
		if b, ok := bytes.CutPrefix(d, []byte("\uFEFF")); ok {
			d = append([]byte("<BOM>"), b...)
		}
		ar.Files = append(ar.Files, txtar.File{Name: n, Data: d})
	}
	return txtar.Format(ar)
}

// TestDataGolden builds each site in testdata/*.txtar and compares its
// data files with testdata/*.data.golden.
func TestDataGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			var w memWriter
			today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
			s, err := Build(siteFromTxtar(t, path), today, &w)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{layout.ActionsCSV, layout.ActionsICS, layout.SprintsJSON}
			for _, tm := range s.Teams {
				want = append(want, layout.TeamICS(tm.Slug))
			}
			for _, n := range want {
				if _, ok := w.files[n]; !ok {
					t.Errorf("the build wrote no %s", n)
				}
			}
			checkGolden(t, strings.TrimSuffix(path, ".txtar")+".data.golden", dataGolden(w.files), "TestDataGolden")
		})
	}
}

// TestDataReproducible builds each test site twice, with a cold Builder
// each time and with one kept between the builds, and gets the same data
// files byte for byte.
func TestDataReproducible(t *testing.T) {
	for _, path := range []string{"testdata/sv.txtar", "testdata/en.txtar"} {
		fsys := siteFromTxtar(t, path)
		today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
		var kept Builder
		var builds [3]memWriter
		if _, err := Build(fsys, today, &builds[0]); err != nil {
			t.Fatal(err)
		}
		for i := 1; i < 3; i++ {
			if _, err := kept.Build(fsys, today, &builds[i]); err != nil {
				t.Fatal(err)
			}
		}
		n := 0
		for name, d := range builds[0].files {
			if !slices.Contains([]string{".csv", ".ics", ".json"}, filepath.Ext(name)) {
				continue
			}
			n++
			for i := 1; i < 3; i++ {
				if !bytes.Equal(d, builds[i].files[name]) {
					t.Errorf("%s: %s differs between build 1 and build %d", path, name, i+1)
				}
			}
		}
		if n < 4 {
			t.Errorf("%s: only %d data files built", path, n)
		}
	}
}

package edit

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// formKeys are the keys that the recording controls set.
var formKeys = []string{"status", "result.verdict", "result.learned", "result.evidence", "result.recorded",
	"action.do", "action.owner", "action.due", "action.energy", "action.status", "action.team"}

// FuzzEdit sets one of the form's keys to a value in a sprint plan: an edit
// of a file that parses either is refused or gives a file that parses,
// holds the new value under the key, and differs from the old one only in
// the lines of that value (a few lines more for a key or table that was
// missing).
func FuzzEdit(f *testing.F) {
	var seeds []string
	for name, data := range sitegen.Files(4) {
		if strings.HasSuffix(name, "sprint.toml") {
			seeds = append(seeds, data)
		}
	}
	paths, _ := filepath.Glob("../scaffold/testdata/site-*/sprints/*/sprint.toml")
	more, _ := filepath.Glob("../../sprints/*/sprint.toml")
	for _, p := range append(paths, more...) {
		if b, err := os.ReadFile(p); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	seeds = append(seeds, "[action]\r\ndo = '''\r\nx\r\n''' # c\r\n", "\ufefftitle = \"x\"\n", "result.verdict = \"supported\"\n")
	values := []string{"supported", "Vi lärde oss \"något\" \\ nytt.\nRad två.", "2027-01-15", "doing", "", "42", "true", "'lit'", "åäö 😕"}
	for i, s := range seeds {
		f.Add(s, uint8(i), values[i%len(values)])
	}
	f.Fuzz(func(t *testing.T, src string, k uint8, v string) {
		if _, err := toml.Decode(strings.TrimPrefix(src, "\ufeff"), new(map[string]any)); err != nil {
			return
		}
		key := formKeys[int(k)%len(formKeys)]
		out, err := Apply("sprints/x/sprint.toml", []byte(src), []Set{{key, v}})
		if err != nil {
			return
		}
		var m map[string]any
		if _, err := toml.Decode(strings.TrimPrefix(string(out), "\ufeff"), &m); err != nil {
			t.Fatalf("the result does not parse: %v\n%s", err, out)
		}
		got, ok := lookup(m, key)
		switch {
		case v == "" && !ok:
		case !ok:
			t.Fatalf("%s is not in the result:\n%s", key, out)
		case !holds(got, v):
			t.Fatalf("%s is %#v, want %q:\n%s", key, got, v, out)
		}
		a, b := lines(src), lines(string(out))
		// What is alike at both ends is left out before the lines between
		// are matched, as Diff does.
		for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
			a, b = a[1:], b[1:]
		}
		for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
			a, b = a[:len(a)-1], b[:len(b)-1]
		}
		removed, added := 0, 0
		for _, op := range match(a, b) {
			switch op {
			case '-':
				removed++
			case '+':
				added++
			}
		}
		// The old value's lines, at most: the key's line and those of a
		// multi-line string; and a header and a key put out of use.
		if max := strings.Count(src, "\n") + 1; removed > max {
			t.Fatalf("%d lines removed of %d", removed, max)
		}
		oldLines := 1
		if old, ok := lookup(mustDecode(src), key); ok {
			if s, isString := old.(string); isString {
				oldLines += strings.Count(s, "\n") + 2
			}
		}
		if removed > oldLines+2 || added > removed+3 {
			t.Fatalf("setting %s changed more than its lines: %d removed, %d added\n%s", key, removed, added, Diff("x", []byte(src), out))
		}
	})
}

func mustDecode(src string) map[string]any {
	var m map[string]any
	toml.Decode(strings.TrimPrefix(src, "\ufeff"), &m)
	return m
}

// lookup finds a dotted key in a decoded table.
func lookup(m map[string]any, key string) (any, bool) {
	parts := strings.Split(key, ".")
	var cur any = m
	for _, p := range parts {
		t, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = t[p]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// holds reports whether the decoded value got is what the text v writes.
func holds(got any, v string) bool {
	if v != "" && strings.ContainsRune(`"'[{`, rune(v[0])) {
		var m map[string]any
		if _, err := toml.Decode("v = "+v, &m); err != nil {
			return false
		}
		return fmt.Sprint(m["v"]) == fmt.Sprint(got)
	}
	switch g := got.(type) {
	case string:
		return g == v
	case time.Time:
		return g.Format(time.DateOnly) == v
	case int64:
		return strconv.FormatInt(g, 10) == v
	case bool:
		return strconv.FormatBool(g) == v
	}
	return false
}

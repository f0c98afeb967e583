package serve

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/sprintkit/sprintkit/internal/edit"
)

// planPath is the plan of the generated site's first sprint.
const planPath = "sprints/" + sprintID + "/sprint.toml"

// recordSite serves a generated site that pages may record into.
func recordSite(t *testing.T) (dir string, s *Server, base string) {
	t.Helper()
	dir = testSite(t)
	s, _ = startServer(t, dir, false)
	f, err := edit.OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	s.folder = f
	return dir, s, serveHTTP(t, s)
}

// postEditAs posts body to the edit endpoint as a page of base would, with
// hdr's headers over those; host "" is base's own.
func postEditAs(t *testing.T, base, host string, hdr http.Header, body string) (int, editAnswer) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/"+editPath, strings.NewReader(body))
	if host == "" {
		u, _ := url.Parse(base)
		host = u.Host
	}
	req.Host = host
	req.Header.Set("Origin", "http://"+host)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Sec-Fetch-Mode", "cors")
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var a editAnswer
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("not JSON: %s", b)
		}
	} else {
		a.Problems = []string{string(b)}
	}
	return resp.StatusCode, a
}

func editBody(path, hash string, set map[string]string) string {
	b, _ := json.Marshal(map[string]any{"path": path, "hash": hash, "set": set})
	return string(b)
}

// A page records an outcome: the file holds it, changed only in its
// lines; the build follows and the pages show it; the write can be
// undone once, and the page that follows the old bytes is told.
func TestRecordOutcome(t *testing.T) {
	dir, s, base := recordSite(t)
	before := readFile(t, dir, planPath)
	st := s.cur.Load()
	if st.sums[planPath] != edit.Hash([]byte(before)) {
		t.Fatalf("the build's hash of %s is %q, want the hash of its bytes", planPath, st.sums[planPath])
	}
	code, a := postEditAs(t, base, "", nil, editBody(planPath, edit.Hash([]byte(before)), map[string]string{
		"result.verdict": "refuted", "result.learned": "De läser bara första sidan.", "action.owner": "Anna", "action.due": "2027-01-15",
	}))
	after := readFile(t, dir, planPath)
	if code != 200 || a.Hash != edit.Hash([]byte(after)) || a.Undo == "" {
		t.Fatalf("recording: %d %+v, want 200 with the new file's hash and an undo", code, a)
	}
	for _, want := range []string{`verdict = "refuted"`, `learned = "De läser bara första sidan."`, `owner = "Anna"`, "due = 2027-01-15", "recorded = 2026-11-23"} {
		if !strings.Contains(after, want) {
			t.Errorf("the file lacks %s:\n%s", want, after)
		}
	}
	if d := edit.Diff(planPath, []byte(before), []byte(after)); strings.Count(d, "\n-") > 6 {
		t.Errorf("more lines changed than were set:\n%s", d)
	}
	built := waitState(t, s, "the page shows the lesson", func(st *state) bool {
		return strings.Contains(page(st, "sprints/"+sprintID+"/index.html"), "De läser bara första sidan.")
	})
	if built.sums[planPath] != a.Hash {
		t.Errorf("after the rebuild the page's hash is %q, want %q", built.sums[planPath], a.Hash)
	}
	// The built page has no form; the page served to this machine has
	// its data, with the hash of the bytes it was built from.
	sprintPage := "sprints/" + sprintID + "/index.html"
	if strings.Contains(page(built, sprintPage), `id="sprintkit-record"`) {
		t.Error("the built page holds the recording controls")
	}
	resp, err := http.Get(base + "/" + sprintPage)
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(served), `id="sprintkit-record"`) || !strings.Contains(string(served), `"hash":"`+a.Hash+`"`) {
		t.Error("the served page lacks the recording controls' data, or the hash of the bytes it was built from")
	}

	// Another page, built from the old bytes, is told and changes nothing.
	code, b := postEditAs(t, base, "", nil, editBody(planPath, edit.Hash([]byte(before)), map[string]string{"action.status": "done"}))
	if code != 409 || b.Hash != a.Hash {
		t.Errorf("a write from the old bytes: %d %+v, want 409 with hash %s", code, b, a.Hash)
	}
	if readFile(t, dir, planPath) != after {
		t.Error("a refused write changed the file")
	}

	// Undo, once.
	undoBody := fmt.Sprintf(`{"path":%q,"hash":%q,"undo":%q}`, planPath, a.Hash, a.Undo)
	if code, u := postEditAs(t, base, "", nil, undoBody); code != 200 || u.Hash != edit.Hash([]byte(before)) {
		t.Errorf("undo: %d %+v", code, u)
	}
	if got := readFile(t, dir, planPath); got != before {
		t.Errorf("after the undo the file is:\n%s\nwant:\n%s", got, before)
	}
	if code, _ := postEditAs(t, base, "", nil, undoBody); code != 410 {
		t.Errorf("a second undo: %d, want 410", code)
	}
	if got := readFile(t, dir, planPath); got != before {
		t.Error("a second undo changed the file")
	}
}

// Every request that the endpoint refuses leaves the site folder as it was.
func TestRecordRefuses(t *testing.T) {
	dir, _, base := recordSite(t)
	plan := readFile(t, dir, planPath)
	h := edit.Hash([]byte(plan))
	good := editBody(planPath, h, map[string]string{"action.owner": "Anna"})
	hdr := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = []string{kv[i+1]}
		}
		return out
	}
	if err := os.Symlink(filepath.Join(dir, "sprints", sprintID), filepath.Join(dir, "sprints", "2020-01-09-link")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	for _, c := range []struct {
		name  string
		host  string
		hdr   http.Header
		body  string
		code  int
		reply string
	}{
		{"another site's page", "", hdr("Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"), good, 403, "pages of other sites"},
		{"another port of localhost", "", hdr("Origin", "http://127.0.0.1:1", "Sec-Fetch-Site", "same-site"), good, 403, "pages of other sites"},
		{"another host name (DNS rebinding)", "evil.example", nil, good, 403, "only answers to localhost"},
		{"another origin", "", hdr("Origin", "http://evil.example", "Sec-Fetch-Site", ""), good, 403, "only from this server's own pages"},
		{"no origin", "", hdr("Origin", "", "Sec-Fetch-Site", ""), good, 403, "only from this server's own pages"},
		{"form-encoded", "", hdr("Content-Type", "application/x-www-form-urlencoded"), "path=" + planPath, 415, "application/json"},
		{"a plain text form", "", hdr("Content-Type", "text/plain"), good, 415, "application/json"},
		{"proxied (Forwarded)", "", hdr("Forwarded", "for=192.0.2.7"), good, 403, "only pages opened on the computer"},
		{"proxied (X-Forwarded-For)", "", hdr("X-Forwarded-For", "192.0.2.7"), good, 403, "only pages opened on the computer"},
		{"oversized", "", nil, editBody(planPath, h, map[string]string{"result.learned": strings.Repeat("x", maxEditBody)}), 413, "at most"},
		{"not JSON", "", nil, "path=x", 400, "not an edit"},
		{"an unknown field", "", nil, `{"path":"` + planPath + `","hash":"` + h + `","set":{"status":"done"},"run":"x"}`, 400, "unknown field"},
		{"no hash", "", nil, editBody(planPath, "", map[string]string{"action.owner": "Anna"}), 400, "hash"},
		{"nothing set", "", nil, editBody(planPath, h, map[string]string{}), 400, "at least one key"},
		{"a list for a value", "", nil, `{"path":"` + planPath + `","hash":"` + h + `","set":{"action.owner":["a"]}}`, 400, "text, a number"},
		{"unknown key", "", nil, editBody(planPath, h, map[string]string{"action.onwer": "Anna"}), 422, `did you mean \"owner\"`},
		{"unknown state", "", nil, editBody(planPath, h, map[string]string{"action.status": "in progress"}), 422, "is not one of"},
		{"a day not in the calendar", "", nil, editBody(planPath, h, map[string]string{"action.due": "2027-02-30"}), 422, "not a day of the calendar"},
		{"a verdict without a lesson", "", nil, editBody(planPath, h, map[string]string{"result.verdict": "supported", "result.learned": ""}), 422, "a verdict needs what was learned"},
		{"stale hash", "", nil, editBody(planPath, edit.Hash([]byte("older")), map[string]string{"action.owner": "Anna"}), 409, "changed since the page was built"},
		{"a file that is not the site's to edit", "", nil, editBody("content/site.toml", h, map[string]string{"title": "x"}), 403, "neither a sprint's plan"},
		{"outside the site", "", nil, editBody("../sprint.toml", h, map[string]string{"title": "x"}), 403, "not a file of the site"},
		{"through a link", "", nil, editBody("sprints/2020-01-09-link/sprint.toml", h, map[string]string{"title": "x"}), 403, "is a link"},
		{"no such sprint", "", nil, editBody("sprints/2099-01-01-x/sprint.toml", h, map[string]string{"title": "x"}), 404, "no such file"},
		{"an unknown undo", "", nil, `{"path":"` + planPath + `","hash":"` + h + `","undo":"0000"}`, 410, "cannot be undone"},
	} {
		code, a := postEditAs(t, base, c.host, c.hdr, c.body)
		got := strings.Join(a.Problems, "\n")
		if code != c.code || !strings.Contains(got, strings.ReplaceAll(c.reply, `\"`, `"`)) {
			t.Errorf("%s: %d %q, want %d with %q", c.name, code, got, c.code, c.reply)
		}
		if readFile(t, dir, planPath) != plan {
			t.Fatalf("%s: the plan changed", c.name)
		}
	}
	if after := tree(t, dir); after != before {
		t.Errorf("refused edits changed the site folder:\nbefore %s\nafter  %s", before, after)
	}
	// Only POST.
	code, hd, _ := raw(t, base, "/"+editPath, "")
	if code != 405 || hd.Get("Allow") != "POST" {
		t.Errorf("GET of the edit endpoint: %d, Allow %q; want 405, POST", code, hd.Get("Allow"))
	}
}

// 200 writes from pages race 200 saves from an editor: every version of
// the file is whole, every write that was taken changed only its own line
// of the bytes it was made from, and the rest were told (409).
func TestRecordRace(t *testing.T) {
	dir, _, base := recordSite(t)
	p := filepath.Join(dir, filepath.FromSlash(planPath))
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(orig), "\n")
	whole := func(b []byte) error {
		if strings.Count(string(b), "\n") != lines {
			return fmt.Errorf("%d lines, want %d", strings.Count(string(b), "\n"), lines)
		}
		_, err := toml.Decode(string(b), new(map[string]any))
		return err
	}
	facilitator := regexp.MustCompile(`(?m)^facilitator = .*$`)

	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	taken, told := 0, 0
	// Two pages, 100 writes each, each from the bytes it last saw.
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				seen, err := os.ReadFile(p)
				if err != nil {
					fail("page read: %v", err)
					return
				}
				if err := whole(seen); err != nil {
					fail("a page read a broken file: %v", err)
					return
				}
				owner := fmt.Sprintf("page %d-%d", w, i)
				code, a := postEditAs(t, base, "", nil, editBody(planPath, edit.Hash(seen), map[string]string{"action.owner": owner}))
				switch code {
				case 200:
					want, err := edit.Apply(planPath, seen, []edit.Set{{Key: "action.owner", Value: owner}})
					if err != nil || edit.Hash(want) != a.Hash {
						fail("write %s: the file written is not the bytes it was made from with its owner", owner)
					}
					mu.Lock()
					taken++
					mu.Unlock()
				case 409:
					mu.Lock()
					told++
					mu.Unlock()
				default:
					fail("write %s: %d %v", owner, code, a.Problems)
				}
			}
		}()
	}
	// An editor that saves 200 times as editors do: a temporary file
	// beside it, renamed over it.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			// A pause between saves, as a person's: the saves fall among
			// the writes rather than all before them. Nothing below
			// depends on how long it is.
			time.Sleep(2 * time.Millisecond)
			b, err := os.ReadFile(p)
			if err != nil {
				fail("editor read: %v", err)
				return
			}
			if err := whole(b); err != nil {
				fail("the editor read a broken file: %v", err)
				return
			}
			b = facilitator.ReplaceAll(b, []byte(fmt.Sprintf("facilitator = \"editor %d\"", i)))
			tmp := p + fmt.Sprintf(".%d.swp", i)
			if err := os.WriteFile(tmp, b, 0o644); err != nil {
				fail("editor: %v", err)
				return
			}
			if err := os.Rename(tmp, p); err != nil {
				fail("editor: %v", err)
				return
			}
		}
	}()
	wg.Wait()
	for _, pr := range problems {
		t.Error(pr)
	}
	final, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := whole(final); err != nil {
		t.Errorf("the file at the end: %v", err)
	}
	if taken == 0 || taken+told != 200 {
		t.Errorf("%d writes taken and %d told, want some taken and 200 in all", taken, told)
	}
	t.Logf("%d page writes taken, %d told that the file changed", taken, told)
	// No temporary file of the server's is left.
	entries, _ := os.ReadDir(filepath.Dir(p))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".sprintkit-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// Two pages that write one after the other, the second from the bytes the
// first wrote (as it is after the rebuild), both land.
func TestRecordOneAfterAnother(t *testing.T) {
	dir, _, base := recordSite(t)
	h := edit.Hash([]byte(readFile(t, dir, planPath)))
	code, a := postEditAs(t, base, "", nil, editBody(planPath, h, map[string]string{"action.owner": "Anna"}))
	if code != 200 {
		t.Fatalf("the first page: %d %v", code, a.Problems)
	}
	code, b := postEditAs(t, base, "", nil, editBody(planPath, a.Hash, map[string]string{"action.due": "2027-03-01"}))
	if code != 200 {
		t.Fatalf("the second page: %d %v", code, b.Problems)
	}
	got := readFile(t, dir, planPath)
	if !strings.Contains(got, `owner = "Anna"`) || !strings.Contains(got, "due = 2027-03-01") || b.Hash != edit.Hash([]byte(got)) {
		t.Errorf("after both writes:\n%s", got)
	}
}

package render_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSessionLabelsAsset: the session view's texts are written once, in
// assets/session-labels.js, in the site's words: every name that
// session.js and timer.js ask label() for is there, and no session view
// carries them. A site's own session-labels.js is the asset instead.
func TestSessionLabelsAsset(t *testing.T) {
	dir, _ := buildSessionSite(t)
	labels := readLabelsAsset(t, filepath.Join(dir, "assets", "session-labels.js"))

	var asked []string
	for _, name := range []string{"session.js", "timer.js"} {
		src, err := os.ReadFile(filepath.Join("../../templates", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`label\("([a-z-]+)"\)`).FindAllStringSubmatch(string(src), -1) {
			asked = append(asked, m[1])
		}
		// counted(label, "name", n) asks for name-one or name-other.
		for _, m := range regexp.MustCompile(`counted\(label, "([a-z-]+)"`).FindAllStringSubmatch(string(src), -1) {
			asked = append(asked, m[1]+"-one", m[1]+"-other")
		}
		// label(r.toggle): the states of the start button (timer.js).
		for _, m := range regexp.MustCompile(`toggle: run \? "([a-z]+)" : started\(s\) \? "([a-z]+)" : "([a-z]+)"`).FindAllStringSubmatch(string(src), -1) {
			asked = append(asked, m[1:]...)
		}
	}
	if len(asked) < 30 {
		t.Fatalf("found %d names that the scripts ask label() for; the patterns no longer find them", len(asked))
	}
	for _, name := range asked {
		if labels[name] == "" {
			t.Errorf("session-labels.js has no text for %q, which the scripts ask for", name)
		}
	}
	for name, want := range map[string]string{"start": "Starta", "pause": "Pausa", "total-other": "{n} minuter"} {
		if labels[name] != want {
			t.Errorf("session-labels.js: %s is %q, want %q", name, labels[name], want)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "sprints", sessionSprint, "session", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "data-label-") {
		t.Error("the session view still carries its texts as data-label-* attributes")
	}
	// The record of the time and the keys' help, the same on every
	// session view, are drawn once, into the asset, in the site's words.
	for _, id := range []string{`id="record"`, `id="keys-dialog"`} {
		if strings.Contains(string(page), id) {
			t.Errorf("the session view still carries the element %s", id)
		}
	}
	asset, err := os.ReadFile(filepath.Join(dir, "assets", "session-labels.js"))
	if err != nil {
		t.Fatal(err)
	}
	_, obj, _ := strings.Cut(string(asset), "window.sprintkitSessionMarkup = ")
	obj, _, _ = strings.Cut(obj, ";\n")
	var markup map[string]string
	if err := json.Unmarshal([]byte(obj), &markup); err != nil {
		t.Fatalf("session-labels.js: the session markup: %v", err)
	}
	for name, want := range map[string][]string{
		"record": {`<section class="record" id="record"`, "Så gick tiden", `id="record-md"`},
		"keys":   {`<dialog class="keys-dialog" id="keys-dialog"`, "Alla tangenter", `id="keys-close"`},
	} {
		for _, w := range want {
			if !strings.Contains(markup[name], w) {
				t.Errorf("session-labels.js: the %s markup has no %q:\n%s", name, w, markup[name])
			}
		}
	}
	if !strings.Contains(string(page), `<script src="../../../assets/session-labels.js" defer></script>`) {
		t.Error("the session view does not load session-labels.js")
	}

	own := "window.sprintkitSessionLabels = {\"start\": \"Kör\"};\n"
	dir, _ = buildSessionSite(t, fstest.MapFS{"templates/session-labels.js": {Data: []byte(own)}})
	got, err := os.ReadFile(filepath.Join(dir, "assets", "session-labels.js"))
	if err != nil || string(got) != own {
		t.Errorf("a site's own session-labels.js: the asset is %q (%v), want the site's file", got, err)
	}
	// Which puts neither the record nor the keys' help in the page: the
	// session view draws them, once each.
	page, err = os.ReadFile(filepath.Join(dir, "sprints", sessionSprint, "session", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`id="record"`, `id="keys-dialog"`} {
		if n := strings.Count(string(page), id); n != 1 {
			t.Errorf("with a site's own session-labels.js, the session view has the element %s %d times, want once", id, n)
		}
	}
}

// readLabelsAsset reads the texts in session-labels.js.
func readLabelsAsset(t *testing.T, p string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	_, obj, ok := strings.Cut(string(b), "window.sprintkitSessionLabels = ")
	if !ok {
		t.Fatalf("%s does not set window.sprintkitSessionLabels:\n%s", p, b)
	}
	obj, _, _ = strings.Cut(obj, ";\n")
	var m map[string]string
	if err := json.Unmarshal([]byte(obj), &m); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return m
}

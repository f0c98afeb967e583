package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/templates"
)

// What a build reuses.
//
// Within one build, the fragment of a sprint that several pages show at the
// same depth (its line in a list of sprints) is rendered once: the site does
// not change during a build, so this is safe for any template.
//
// Between builds (the dev server's Cache), a fragment or a whole sprint or
// session page is reused when the key it was rendered for is the same.
// The key names everything the default templates show on it: the frame
// (settings, labels, language, the day, the studies and pages in the
// navigation), the sprint's own files (site.Sprint.Digest), and what a
// sprint page shows of the sprints, study, stage and teams it links to.
// That is known only for the default templates, so a kind of page whose
// base.html or own template a site overrides is rendered afresh on every
// build. TestReuseMatchesFreshBuild holds the keys to this: after every
// kind of edit, a build that reuses must give the bytes of a fresh one.

// fragData is what a fragment template gets: the way to the top of the
// site from the page it is on, and one sprint.
type fragData struct {
	Root   string
	Sprint *site.Sprint
}

// frameKey identifies what every page of the default templates shows
// besides its own content.
func frameKey(s *site.Site, today time.Time) string {
	h := sha256.New()
	st := s.Settings
	// The instant, not the day: overdue compares instants.
	fmt.Fprintf(h, "%q %q %q %q %v %q\n", st.Title, st.Language, st.BaseURL, st.Description, st.UnsafeHTML, today.UTC().Format(time.RFC3339Nano))
	for _, k := range slices.Sorted(maps.Keys(st.Labels)) {
		fmt.Fprintf(h, "label %q %q\n", k, st.Labels[k])
	}
	for _, st := range s.Studies {
		fmt.Fprintf(h, "study %q %q\n", st.ID, st.Title)
	}
	for _, p := range s.Pages {
		fmt.Fprintf(h, "page %q %q\n", p.ID, p.Title)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// pageFiles are the template files of the kinds of page.
func pageFiles() []string {
	names := make([]string, len(pageKinds))
	for i, kind := range pageKinds {
		names[i] = kind + ".html"
	}
	return names
}

// readTemplate reads the template file name from the site's overrides, or
// else the embedded default. own reports whether the site's file differs
// from the default (a copy of the default, as in this repository's own
// templates/, is the default).
func readTemplate(overrides fs.FS, name string) (data []byte, own bool, err error) {
	def, defErr := fs.ReadFile(templates.FS, name)
	if overrides != nil {
		if data, err := fs.ReadFile(overrides, name); err == nil {
			return data, defErr != nil || !bytes.Equal(data, def), nil
		}
	}
	return def, false, defErr
}

// stockKinds reports for each kind of page whether it is drawn by the
// embedded defaults: neither base.html nor its own file is the site's own.
func stockKinds(own map[string]bool) map[string]bool {
	stock := map[string]bool{}
	for _, kind := range pageKinds {
		stock[kind] = !own["base.html"] && !own[kind+".html"]
	}
	return stock
}

// fragmentFunc returns the template function "fragment" for pages of kind:
// {{fragment "name" root sprint}} renders the template name with fragData,
// or reuses it.
func (r *renderer) fragmentFunc(kind string) func(name, root string, sp *site.Sprint) (template.HTML, error) {
	// A kind with its own templates may define the fragment differently,
	// or a template it calls: it shares fragments with no other kind.
	scope := "stock"
	if !r.stock[kind] {
		scope = kind
	}
	return func(name, root string, sp *site.Sprint) (template.HTML, error) {
		if sp == nil {
			return "", fmt.Errorf("fragment %q: no sprint", name)
		}
		local := scope + "\x00" + name + "\x00" + root + "\x00" + sp.ID
		r.fragMu.Lock()
		h, ok := r.frags[local]
		r.fragMu.Unlock()
		if ok {
			return h, nil
		}
		var key string
		if r.stock[kind] && sp.Digest != "" {
			key = r.frame + "\x00" + name + "\x00" + root + "\x00" + sp.Digest
			if h, ok := r.cache.fragment(key); ok {
				r.keepFragment(local, h)
				return h, nil
			}
		}
		var buf bytes.Buffer
		if err := r.pages[kind].ExecuteTemplate(&buf, name, fragData{root, sp}); err != nil {
			return "", err
		}
		h = template.HTML(buf.String())
		r.keepFragment(local, h)
		if key != "" {
			r.cache.putFragment(key, h)
		}
		return h, nil
	}
}

func (r *renderer) keepFragment(local string, h template.HTML) {
	r.fragMu.Lock()
	r.frags[local] = h
	r.fragMu.Unlock()
}

// sprintPageKey is the key of a sprint's page of kind (sprint or session),
// or "" when the page is not to be reused.
func (r *renderer) sprintPageKey(kind string, sp *site.Sprint) string {
	if r.cache == nil || !r.stock[kind] || sp.Digest == "" {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", r.frame, kind, sp.Digest)
	fmt.Fprintf(&b, " study %q %q", sp.Study.ID, sp.Study.Title)
	if sp.Stage != nil {
		fmt.Fprintf(&b, " stage %q %q", sp.Stage.ID, sp.Stage.Name)
	}
	fmt.Fprintf(&b, " teams %q %q", sp.TeamRef.Slug, sp.ActionTeam.Slug)
	if sp.Follows != nil {
		fmt.Fprintf(&b, " follows %q %q", sp.Follows.ID, sp.Follows.Title)
	}
	for _, f := range sp.FollowedBy {
		fmt.Fprintf(&b, " followed %q %q", f.ID, f.Title)
	}
	return b.String()
}

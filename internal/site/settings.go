package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/sprintkit/sprintkit/internal/labels"
)

// SettingsPath is where a site keeps its settings.
const SettingsPath = "content/site.toml"

func (l *loader) loadSettings() {
	s := &l.site.Settings
	s.Language = "en"
	data, err := readFile(l.fsys, SettingsPath, MaxTOML, "the site's settings")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.fail(SettingsPath, "missing: a site needs content/site.toml with at least a title (sprintkit init makes one)")
		} else {
			l.probs = append(l.probs, problemOf(SettingsPath, err))
		}
		return
	}
	m, f, ok := decodeTOML(SettingsPath, string(data), 1, &l.probs)
	if !ok {
		return
	}
	r := reader{f, SettingsKeys}
	r.known(m, "")
	s.Title = r.text(m, "", "title")
	s.Language = r.choice(m, "", "language")
	s.Description = r.text(m, "", "description")
	s.UnsafeHTML = r.flag(m, "", "unsafe_html")
	if base := r.text(m, "", "base_url"); base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f.atValue("base_url", "%q is not an absolute http or https address", base)
		} else {
			if !strings.HasSuffix(base, "/") {
				base += "/"
			}
			s.BaseURL = base
		}
	}
	r.decl("labels", "labels")
	if lt := f.table(m, "", "labels", false); lt != nil {
		s.Labels = map[string]string{}
		keys := make([]string, 0, len(lt))
		for k := range lt {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if sub, nested := lt[k].(map[string]any); nested {
				// Point at the dotted key itself, not at [labels],
				// whole: "card.customers.one" is three parts.
				key := k + "." + firstLeaf(sub)
				p, _ := f.find("labels." + key)
				f.problem(p.key, "labels.%s: label keys have dots in them: quote the key, as in \"%s\" = \"…\"", key, key)
				continue
			}
			if msg := unknownLabel(k); msg != "" {
				p, _ := f.find("labels." + k)
				f.problem(p.key, "%s", msg)
				continue
			}
			s.Labels[k] = f.str(lt, "labels", k, false)
		}
	}
}

// unknownLabel says why [labels] cannot set the key k, or "" when it can:
// k names no interface text, or a text with a form for each number.
func unknownLabel(k string) string {
	if _, ok := labels.Text(Languages.Default, k); ok {
		return ""
	}
	if _, counted := labels.Counted(k); counted {
		forms := make([]string, len(labels.Forms))
		for i, f := range labels.Forms {
			forms[i] = strconv.Quote(k + "." + f)
		}
		return fmt.Sprintf("label %q has a form for each number: set %s", "labels."+k, strings.Join(forms, " and "))
	}
	return fmt.Sprintf("unknown label %q%s", "labels."+k, DidYouMean(k, labels.Keys()))
}

// firstLeaf returns the dotted path of a value in the nested tables m,
// taking the first key in sorted order at each level.
func firstLeaf(m map[string]any) string {
	var first string
	for k := range m {
		if first == "" || k < first {
			first = k
		}
	}
	if sub, nested := m[first].(map[string]any); nested && len(sub) > 0 {
		return first + "." + firstLeaf(sub)
	}
	return first
}

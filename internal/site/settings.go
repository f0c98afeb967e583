package site

import (
	"errors"
	"io/fs"
	"net/url"
	"sort"
	"strings"
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
	f.known(m, "", "title", "language", "base_url", "description", "labels", "unsafe_html")
	s.Title = f.str(m, "", "title", true)
	s.Language = f.enum(m, "", "language", Languages)
	s.Description = f.str(m, "", "description", false)
	s.UnsafeHTML = f.boolean(m, "", "unsafe_html")
	if base := f.str(m, "", "base_url", false); base != "" {
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
	if labels := f.table(m, "", "labels", false); labels != nil {
		s.Labels = map[string]string{}
		s.LabelPos = map[string]Problem{}
		keys := make([]string, 0, len(labels))
		for k := range labels {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if sub, nested := labels[k].(map[string]any); nested {
				// Point at the dotted key itself, not at [labels].
				var first string
				for sk := range sub {
					if first == "" || sk < first {
						first = sk
					}
				}
				p, _ := f.find("labels." + k + "." + first)
				f.problem(p.key, "labels.%s.%s: label keys have dots in them: quote the key, as in \"%s.%s\" = \"…\"", k, first, k, first)
				continue
			}
			s.Labels[k] = f.str(labels, "labels", k, false)
			p, _ := f.find("labels." + k)
			s.LabelPos[k] = Problem{Path: SettingsPath, Line: p.key.line, Col: p.key.col}
		}
	}
}

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
				// Point at the dotted key itself, not at [labels],
				// whole: "index.sprintsN.one" is three parts.
				key := k + "." + firstLeaf(sub)
				p, _ := f.find("labels." + key)
				f.problem(p.key, "labels.%s: label keys have dots in them: quote the key, as in \"%s\" = \"…\"", key, key)
				continue
			}
			s.Labels[k] = f.str(labels, "labels", k, false)
			p, _ := f.find("labels." + k)
			s.LabelPos[k] = Problem{Path: SettingsPath, Line: p.key.line, Col: p.key.col}
		}
	}
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

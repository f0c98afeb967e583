package render

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// text is the interface text of one site: its language's labels with the
// site's overrides on top.
type text struct {
	lang   string
	labels map[string]string
}

// newText resolves the labels for s and reports [labels] keys that do not exist.
func newText(s site.Settings) (*text, site.Problems) {
	keys := labels.Keys()
	t := &text{lang: s.Language, labels: make(map[string]string, len(keys))}
	for _, k := range keys {
		t.labels[k], _ = labels.Text(s.Language, k)
	}
	var probs site.Problems
	for k, v := range s.Labels {
		if _, ok := labels.Text(s.Language, k); !ok {
			p := s.LabelPos[k]
			p.Msg = fmt.Sprintf("unknown label %q%s", "labels."+k, site.DidYouMean(k, keys))
			probs = append(probs, p)
			continue
		}
		t.labels[k] = v
	}
	sort.Slice(probs, func(a, b int) bool { return probs[a].Line < probs[b].Line })
	return t, probs
}

// get returns the text for key with {name} placeholders filled from pairs
// of name and value.
func (t *text) get(key string, pairs ...any) string {
	s, ok := t.labels[key]
	if !ok {
		return key
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return s
}

// date writes a day the way the site's language does: "24 november 2026".
func (t *text) date(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day(), labels.Month(t.lang, d.Month()), d.Year())
}

package render

import (
	"fmt"
	"math"
	"reflect"
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

// newText resolves the labels for s: its language's, with the site's
// [labels] on top (whose keys the site's loader has checked).
func newText(s site.Settings) *text {
	keys := labels.Keys()
	t := &text{lang: s.Language, labels: make(map[string]string, len(keys))}
	for _, k := range keys {
		t.labels[k], _ = labels.Text(s.Language, k)
	}
	for k, v := range s.Labels {
		t.labels[k] = v
	}
	return t
}

// get returns the text for key with {name} placeholders filled from pairs
// of name and value. A counted text takes the form for the number it
// counts (labels.Counted), or its other form when pairs do not give it.
func (t *text) get(key string, pairs ...any) string {
	s, ok := t.labels[key]
	if !ok {
		if count, counted := labels.Counted(key); counted {
			s, ok = t.labels[key+"."+t.form(count, pairs)]
		}
	}
	if !ok {
		return key
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return s
}

// label returns the text of the enum value value in group, as the
// template function label does. The groups "change" and "action", which
// templates written before the one vocabulary of states name, read as
// "state" (and "open" as planned), so that a site's own template from then
// still shows words.
func (t *text) label(group, value string) string {
	return t.get(t.labelKey(group, value))
}

// labelKey is the key of the label that label gives for group and value.
func (t *text) labelKey(group, value string) string {
	key := group + "." + value
	if _, ok := t.labels[key]; !ok && (group == "change" || group == "action") {
		if value == site.OpenState {
			value = site.States.Default
		}
		key = site.States.Group + "." + value
	}
	return key
}

// form returns the plural form for the value named count in pairs.
func (t *text) form(count string, pairs []any) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if fmt.Sprint(pairs[i]) != count {
			continue
		}
		switch v := reflect.ValueOf(pairs[i+1]); {
		case v.CanInt():
			return labels.Form(t.lang, v.Int())
		case v.CanUint() && v.Uint() <= math.MaxInt64:
			return labels.Form(t.lang, int64(v.Uint()))
		}
	}
	return labels.Other
}

// date writes a day the way the site's language does: "24 november 2026".
func (t *text) date(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day(), labels.Month(t.lang, d.Month()), d.Year())
}

package labels

import (
	"slices"
	"strings"
	"testing"
)

// TestEveryLabelInBothLanguages checks that each language's file has a
// text for every key, and no key of its own, and the names of the months.
func TestEveryLabelInBothLanguages(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		f := texts[lang]
		for _, key := range Keys() {
			if f.Labels[key] == "" {
				t.Errorf("%s.toml: label %q has no text", lang, key)
			}
		}
		for key := range f.Labels {
			if _, ok := labels[key]; !ok {
				t.Errorf("%s.toml: label %q is in no other language", lang, key)
			}
		}
		for i, m := range f.Months {
			if m == "" {
				t.Errorf("%s.toml: month %d has no name", lang, i+1)
			}
		}
	}
}

// notCounted are the texts with {n} in them that have no forms: the n of
// "Block {n} av {total}" is a place, not a number of things, and the
// search box takes its "1 träff" from search.one (templates/base.html).
var notCounted = []string{"session.blockOf", "search.results"}

// TestEveryCountedLabelHasItsForms checks that a text with a number has
// every form, each with the number that picks it, and that a new text
// with {n} does not go without forms.
func TestEveryCountedLabelHasItsForms(t *testing.T) {
	counted := map[string]bool{}
	for _, key := range Keys() {
		base := key[:max(0, strings.LastIndex(key, "."))]
		count, ok := Counted(base)
		if !ok || counted[base] {
			continue
		}
		counted[base] = true
		if _, ok := labels[base]; ok {
			t.Errorf("%q has forms and a text of its own", base)
		}
		for _, f := range Forms {
			for _, lang := range []string{"sv", "en"} {
				if text := texts[lang].Labels[base+"."+f]; !strings.Contains(text, "{"+count+"}") {
					t.Errorf("%s %q: %s form %q lacks {%s}, the number that picks it", lang, base, f, text, count)
				}
			}
		}
	}
	for _, key := range Keys() {
		base := key[:max(0, strings.LastIndex(key, "."))]
		if strings.Contains(texts["sv"].Labels[key]+texts["en"].Labels[key], "{n}") && !counted[base] && !slices.Contains(notCounted, key) {
			t.Errorf("%q has a number, {n}, but no forms: give it %s", key, strings.Join(Forms, " and "))
		}
	}
}

// TestForm checks the plural rule of Swedish and English: one for 1.
func TestForm(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		for n, want := range map[int64]string{0: Other, 1: One, 2: Other, 21: Other, -1: Other} {
			if got := Form(lang, n); got != want {
				t.Errorf("%s: Form(%d) = %s, want %s", lang, n, got, want)
			}
		}
	}
}

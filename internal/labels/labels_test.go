package labels

import (
	"slices"
	"strings"
	"testing"
)

// TestEveryLabelInBothLanguages checks that each label has a Swedish and
// an English text.
func TestEveryLabelInBothLanguages(t *testing.T) {
	for _, key := range Keys() {
		if sv, en := labels[key][0], labels[key][1]; sv == "" || en == "" {
			t.Errorf("label %q lacks a text in one language: sv %q, en %q", key, sv, en)
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
			for i, lang := range []string{"sv", "en"} {
				if text := labels[base+"."+f]; !strings.Contains(text[i], "{"+count+"}") {
					t.Errorf("%s %q: %s form %q lacks {%s}, the number that picks it", lang, base, f, text[i], count)
				}
			}
		}
	}
	for _, key := range Keys() {
		base := key[:max(0, strings.LastIndex(key, "."))]
		if strings.Contains(labels[key][0]+labels[key][1], "{n}") && !counted[base] && !slices.Contains(notCounted, key) {
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

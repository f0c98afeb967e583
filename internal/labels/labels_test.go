package labels

import (
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
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

// TestEveryEnumValueHasText checks that every value of every enum that
// pages show has its label, "<group>.<value>", in both languages: a value
// added to an enum in internal/site without its text fails here.
func TestEveryEnumValueHasText(t *testing.T) {
	for _, e := range site.Enums {
		for _, v := range e.Values {
			key := e.Group + "." + v
			for _, lang := range []string{"sv", "en"} {
				if s, ok := Text(lang, key); !ok || s == "" {
					t.Errorf("%s has no %s text for %q", e.Group, lang, key)
				}
			}
		}
	}
}

package site

import "strings"

// fold spells letters with diacritics, and a few ligatures, in plain ASCII.
var fold = map[rune]string{
	'å': "a", 'ä': "a", 'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ā': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'č': "c", 'ć': "c", 'ď': "d", 'ð': "d", 'đ': "d",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ł': "l", 'ľ': "l",
	'ñ': "n", 'ń': "n", 'ň': "n", 'ö': "o", 'ø': "o", 'ó': "o", 'ò': "o", 'ô': "o", 'õ': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'š': "s", 'ś': "s", 'ß': "ss", 'ť': "t", 'þ': "th",
	'ü': "u", 'ú': "u", 'ù': "u", 'û': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ž': "z", 'ź': "z", 'ż': "z",
}

// Slug makes a readable ASCII name for a folder or URL from a title:
// "Läser nya kunder välkomstbrevet?" becomes "laser-nya-kunder-valkomstbrevet".
// It is "" when the title has no letters or digits.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case fold[r] != "":
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(fold[r])
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
		if i := strings.LastIndexByte(out, '-'); i > 30 {
			out = out[:i]
		}
	}
	return out
}

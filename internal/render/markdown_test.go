package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarkdownSafety(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		unsafe      bool
		want, avoid string
	}{
		{"raw HTML off", "hej <script>alert(1)</script> <b>x</b>", false, "hej", "<script"},
		{"raw HTML block off", "<div onclick=\"x()\">a</div>", false, "", "onclick"},
		{"raw HTML on", "hej <b>fet</b>", true, "<b>fet</b>", ""},
		{"javascript link dropped", "[klicka](javascript:alert(1))", false, "klicka", "javascript"},
		{"javascript link dropped when unsafe", "[klicka](javascript:alert(1))", true, "klicka", "href"},
		{"scheme with tab", "[x](java\tscript:alert(1))", false, "x", "href"},
		{"upper case scheme", "[x](JAVASCRIPT:alert(1))", false, "x", "href"},
		{"decimal entity in scheme", "[b](&#106;avascript:alert(2))", false, "b", "href"},
		{"named entity colon", "[c](javascript&colon;alert(3))", false, "c", "href"},
		{"hex entity colon", "[d](javascript&#x3A;alert(4))", false, "d", "href"},
		{"entity in image scheme", "![e](&#106;avascript:alert(5))", false, "", "<img"},
		{"vbscript dropped", "[x](vbscript:msgbox)", false, "x", "href"},
		{"data link dropped", "[x](data:text/html;base64,PHNjcmlwdD4=)", false, "x", "href"},
		{"file link kept", "[rapport](file://server/share/rapport.pdf)", false, `<a href="file://server/share/rapport.pdf">rapport</a>`, ""},
		{"https link kept", "[a](https://example.se/a?b=1&c=2)", false, `href="https://example.se/a?b=1&amp;c=2"`, ""},
		{"relative link kept", "[a](../x/index.html)", false, `href="../x/index.html"`, ""},
		{"image kept with alt", "![Tavla *efter*](tavla.png)", false, `<img src="tavla.png" alt="Tavla efter">`, ""},
		{"javascript image dropped", "![x](javascript:alert(1))", false, "", "<img"},
		{"autolink", "se https://example.se/x", false, `<a href="https://example.se/x">https://example.se/x</a>`, ""},
		{"email autolink", "<kundservice@example.se>", false, `href="mailto:kundservice@example.se"`, ""},
		{"title escaped", `[a](x.html "say \"hi\" <b>")`, false, `title="say &quot;hi&quot; &lt;b&gt;"`, ""},
		{"task list", "- [x] klart\n- [ ] kvar", false, `<span class="task done">☑</span> klart`, "<input"},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", false, "<table>", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := newMarkdown(tc.unsafe, nil, "")
			got := string(md.block(tc.src))
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want it to contain %q", got, tc.want)
			}
			if tc.avoid != "" && strings.Contains(got, tc.avoid) {
				t.Errorf("got %q, must not contain %q", got, tc.avoid)
			}
		})
	}
}

func TestMarkdownInline(t *testing.T) {
	md := newMarkdown(false, &Cache{}, "")
	if got := md.inline("Vi *tror*"); got != "Vi <em>tror</em>" {
		t.Errorf("inline = %q", got)
	}
	if got := md.inline("a\n\nb"); !strings.Contains(string(got), "<p>a</p>") {
		t.Errorf("two paragraphs keep their <p>: %q", got)
	}
}

// TestPlainParagraphMatchesGoldmark holds the shortcut for plain sentences
// to goldmark's own output, over the texts of the example site and some
// made to sit on the edge.
func TestPlainParagraphMatchesGoldmark(t *testing.T) {
	texts := []string{
		"Vi tror att nya kunder läser välkomstbrevet.",
		`Kunden sa "nej" (två gånger) – inte 100 % säker; kanske/kanske inte?`,
		"Don't stop.", "a-b", "Åtta av tio.", "x 1. y", "A  B",
		"1. lista", "- lista", "# rubrik", "Se www.example.se", "mejl a@b.se", "https://x.se", "a*b*", "a_b_", "<b>", "a & b",
		"Slut.\n", "två\nrader", "x!", "Hej!", "a\\b", "`kod`", "~~bort~~", "[länk](x)",
	}
	seeds, _ := filepath.Glob("../../sprints/*/sprint.toml")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if _, v, ok := strings.Cut(line, " = \""); ok {
				texts = append(texts, strings.TrimSuffix(v, `"`))
			}
		}
	}
	md := newMarkdown(false, nil, "")
	shortcut := 0
	for _, s := range texts {
		h, ok := plainParagraph(s)
		if !ok {
			continue
		}
		shortcut++
		var buf bytes.Buffer
		if err := md.md.Convert([]byte(s), &buf); err != nil {
			t.Fatal(err)
		}
		if string(h) != buf.String() {
			t.Errorf("%q: shortcut gives %q, goldmark %q", s, h, buf.String())
		}
	}
	if shortcut < 10 {
		t.Errorf("the shortcut took only %d of %d texts", shortcut, len(texts))
	}
}

func FuzzPlainParagraph(f *testing.F) {
	f.Add("Vi tror att kunderna läser brevet.")
	f.Add(`Hon sa "ja" (typ) – 50 %/vecka; eller?`)
	md := newMarkdown(false, nil, "")
	f.Fuzz(func(t *testing.T, s string) {
		h, ok := plainParagraph(s)
		if !ok {
			return
		}
		var buf bytes.Buffer
		if err := md.md.Convert([]byte(s), &buf); err != nil {
			t.Fatal(err)
		}
		if string(h) != buf.String() {
			t.Errorf("%q: shortcut gives %q, goldmark %q", s, h, buf.String())
		}
	})
}

// TestUnsafeSettingIsNotCachedAcross renders raw HTML with unsafe_html on,
// then the same text with it off through the same cache: the second must
// not get the first's raw HTML.
func TestUnsafeSettingIsNotCachedAcross(t *testing.T) {
	cache := &Cache{}
	src := "hej <b onmouseover=\"x()\">fet</b>"
	if got := newMarkdown(true, cache, "").block(src); !strings.Contains(string(got), "<b onmouseover") {
		t.Fatalf("unsafe: %q", got)
	}
	if got := newMarkdown(false, cache, "").block(src); strings.Contains(string(got), "onmouseover") {
		t.Errorf("safe after unsafe, through one cache: %q", got)
	}
}

// Notes shown a folder below their sprint (on the session view) keep
// their relative links and images pointing at the sprint's files; other
// addresses stay as written. The cache keeps the two renderings apart.
func TestMovedLinks(t *testing.T) {
	src := "[a](plan.pdf) [b](/rot) [c](#del) [d](https://e.example/x) [e](?q=1) [f](file:///s/r.pdf) ![i](tavla.png) <https://auto.example/>\n"
	cache := &Cache{}
	plain := string(newMarkdown(false, cache, "").block(src))
	moved := string(newMarkdown(false, cache, "../").block(src))
	for _, want := range []string{`href="../plan.pdf"`, `href="/rot"`, `href="#del"`, `href="https://e.example/x"`, `href="?q=1"`, `href="file:///s/r.pdf"`, `src="../tavla.png"`, `href="https://auto.example/"`} {
		if !strings.Contains(moved, want) {
			t.Errorf("moved: no %s in %s", want, moved)
		}
	}
	if !strings.Contains(plain, `href="plan.pdf"`) || !strings.Contains(plain, `src="tavla.png"`) {
		t.Errorf("plain, rendered first with the same cache: %s", plain)
	}
	if again := string(newMarkdown(false, cache, "").block(src)); again != plain {
		t.Errorf("plain after moved, from the cache: %s", again)
	}
}

package sitecheck

import (
	"testing"
)

// TestStatesByMoreThanColour opens the example's study page, board and the
// page of a sprint whose belief was later contested in Chromium, and checks
// that each state shows by more than colour: every belief's state and every
// change's or action's state has its word in the text and a symbol of its
// own drawn before it, and refuted, contested and inconclusive beliefs
// differ in shape (struck through, a dotted border) from the rest.
func TestStatesByMoreThanColour(t *testing.T) {
	tb := newTab(t)
	dir := exampleSite(t)
	type mark struct {
		Kind   string // belief or state
		State  string
		Word   string // the badge's text
		Symbol string // what ::before draws
		Struck bool   // the belief's text is struck through
		Border string // the belief's left border style
	}
	seen := map[string]map[string]mark{} // by kind, by state: one of each
	for _, page := range []string{
		"studies/kundresa-2026/index.html",
		"assumptions/index.html",
		"sprints/2026-11-10-hjalper-ett-kort-valkomst-sms-nya-kunder/index.html",
	} {
		if problems := tb.open(t, fileURL(dir, page)); len(problems) > 0 {
			t.Errorf("%s: %v", page, problems)
		}
		marks := eval[[]mark](t, tb, `(() => {
			const out = [];
			const sym = el => getComputedStyle(el, "::before").content;
			for (const li of document.querySelectorAll("li.belief")) {
				const state = [...li.classList].find(c => c.startsWith("state-")).slice(6);
				const badge = li.querySelector(".badge." + state) || li.querySelector(".basis");
				const text = li.querySelector(".text");
				out.push({Kind: "belief", State: state, Word: badge ? badge.textContent.trim() : "",
					Symbol: badge && badge.classList.contains("badge") ? sym(badge) : "basis",
					Struck: getComputedStyle(text).textDecorationLine.includes("line-through"),
					Border: getComputedStyle(li).borderLeftStyle});
			}
			for (const el of document.querySelectorAll("span.state")) {
				const state = [...el.classList].find(c => c !== "state") || "";
				out.push({Kind: "state", State: state, Word: el.textContent.trim(), Symbol: sym(el)});
			}
			return out;
		})()`)
		if len(marks) == 0 {
			t.Errorf("%s: no beliefs or states found", page)
		}
		for _, m := range marks {
			if m.Word == "" || m.Symbol == "" || m.Symbol == "none" || m.Symbol == "normal" {
				t.Errorf("%s: a %s in state %q shows word %q and symbol %q: want both", page, m.Kind, m.State, m.Word, m.Symbol)
			}
			if seen[m.Kind] == nil {
				seen[m.Kind] = map[string]mark{}
			}
			if prev, ok := seen[m.Kind][m.State]; ok && m.Kind == "state" && prev.Symbol != m.Symbol {
				t.Errorf("%s: state %q drawn with %q here and %q elsewhere", page, m.State, m.Symbol, prev.Symbol)
			}
			seen[m.Kind][m.State] = m
			if m.Kind != "belief" {
				continue
			}
			switch m.State {
			case "refuted":
				if !m.Struck {
					t.Errorf("%s: a refuted belief is not struck through", page)
				}
			case "contested", "inconclusive":
				if m.Border != "dotted" || m.Struck {
					t.Errorf("%s: a %s belief has a %s border (struck %v), want dotted and not struck", page, m.State, m.Border, m.Struck)
				}
			default:
				if m.Struck || m.Border == "dotted" {
					t.Errorf("%s: a %s belief is struck %v with a %s border: want neither", page, m.State, m.Struck, m.Border)
				}
			}
		}
	}
	// The example shows every belief state and every state of work.
	for _, s := range []string{"untested", "supported", "refuted", "inconclusive", "contested"} {
		if _, ok := seen["belief"][s]; !ok {
			t.Errorf("no %s belief on the example's pages", s)
		}
	}
	for _, s := range []string{"planned", "doing", "done", "dropped"} {
		if _, ok := seen["state"][s]; !ok {
			t.Errorf("no change or action %s on the example's pages", s)
		}
	}
	symbols := map[string]string{}
	for s, m := range seen["state"] {
		if other, ok := symbols[m.Symbol]; ok {
			t.Errorf("states %s and %s share the symbol %s", s, other, m.Symbol)
		}
		symbols[m.Symbol] = s
	}
}

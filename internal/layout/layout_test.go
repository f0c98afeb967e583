package layout

import "testing"

// TestDeclaredPathsReserved: a path declared through at or each reserves
// its top-level name, so a new kind of page in a new folder needs no
// other line; a free page's folder is not reserved.
func TestDeclaredPathsReserved(t *testing.T) {
	for _, top := range []string{"index", "assumptions", "404", "search-index", "feed", "actions", "studies", "sprints", "teams", assets, server, "search"} {
		if !Reserved(top) {
			t.Errorf("Reserved(%q) is false", top)
		}
	}
	if Reserved("om") {
		t.Errorf("Reserved(%q), a free page's folder", "om")
	}
	board := each("boards/<id>/index.html")
	defer delete(tops, "boards")
	if got := board("x"); got != "boards/x/index.html" {
		t.Errorf("each: %q", got)
	}
	if !Reserved("boards") {
		t.Error("each did not reserve its top folder")
	}
	at("plan.html")
	defer delete(tops, "plan")
	if !Reserved("plan") {
		t.Error("at did not reserve a top file's name")
	}
}

package render

import (
	"fmt"
	"slices"
	"testing"
)

// TestBound: a lane lists the study's own items all and the sprints'
// after them up to cellMax in all, and counts what it leaves out, which
// is only ever the sprints'.
func TestBound(t *testing.T) {
	lane := func(own, sprints int) []string {
		var l []string
		for i := range own {
			l = append(l, fmt.Sprint("own", i))
		}
		for i := range sprints {
			l = append(l, fmt.Sprint("sprint", i))
		}
		return l
	}
	isOwn := func(s string) bool { return s[:3] == "own" }
	for _, c := range []struct{ own, sprints, shown, left int }{
		{0, 5, 5, 0},
		{0, 20, 20, 0},
		{0, 21, 20, 1},
		{3, 40, 20, 23},
		{25, 10, 25, 10},
		{25, 0, 25, 0},
	} {
		list := lane(c.own, c.sprints)
		got, left := bound(list, isOwn)
		if len(got) != c.shown || left != c.left || !slices.Equal(got, list[:len(got)]) {
			t.Errorf("%d own and %d sprints': %d shown and %d left out, want %d and %d", c.own, c.sprints, len(got), left, c.shown, c.left)
		}
		if n := len(slices.DeleteFunc(slices.Clone(got), func(s string) bool { return !isOwn(s) })); n != c.own {
			t.Errorf("%d own and %d sprints': %d of the study's own shown", c.own, c.sprints, n)
		}
	}
}

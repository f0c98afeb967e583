package render_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/output"
	"github.com/sprintkit/sprintkit/internal/site"
)

// TestExamplePresentation runs checkPresentation on the presentation view
// of every sprint of the repository's example site, whose texts are as
// long as real ones: at a projector's two sizes, with and without the
// notes beside the timer, and once the session is over, the record with
// the button that copies it inside the screen.
func TestExamplePresentation(t *testing.T) {
	fsys, closer, err := site.OpenFolder(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	dir := filepath.Join(t.TempDir(), "public")
	var b build.Builder
	if err := output.Write(dir, func(w output.Writer) error {
		_, err := b.Build(fsys, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), w)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s, probs := site.Read(fsys, site.Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 180*time.Second)
	c := &clock{t: t, ctx: step}
	c.set(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC).UnixMilli())
	for _, size := range []struct{ w, h int64 }{{1280, 720}, {1920, 1080}, {1280, 800}, {1920, 1200}} {
		if _, err := chromedp.Call(step, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: size.w, Height: size.h, DeviceScaleFactor: 1}); err != nil {
			t.Fatal(err)
		}
		for _, sp := range s.Sprints {
			name := fmt.Sprintf("%s %dx%d", sp.ID, size.w, size.h)
			url := "file://" + filepath.ToSlash(dir) + "/sprints/" + sp.ID + "/session/index.html"
			do(t, step, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void]("localStorage.clear(); sessionStorage.clear()"), chromedp.Reload())
			waitFor(t, step, "the timer", func(v view) bool { return v.Shown })
			do(t, step, chromedp.KeyEvent(" "), chromedp.KeyEvent("f"))
			c.advance(3 * time.Minute)
			for _, notes := range []bool{false, true} {
				variant := name
				if notes {
					do(t, step, chromedp.KeyEvent("w"))
					variant += " with notes"
				}
				shoot(t, step, variant)
				problems, err := chromedp.Run(step, chromedp.Evaluate[[]string](fmt.Sprintf(checkPresentation, false, notes)))
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range problems {
					t.Errorf("%s: %s", variant, p)
				}
			}
			// The mouse moves: the buttons show, inside the screen.
			do(t, step, chromedp.Evaluate[chromedp.Void](`document.dispatchEvent(new MouseEvent("mousemove", {bubbles: true}))`))
			waitFor(t, step, name+": the buttons show when the mouse moves", func(view) bool {
				shown, err := chromedp.Run(step, chromedp.Evaluate[bool](`(() => {
  const b = document.querySelector(".timer .controls"), r = b.getBoundingClientRect();
  return getComputedStyle(b).opacity === "1" && r.top >= 0 && r.bottom <= innerHeight + 0.5;
})()`))
				return err == nil && shown
			})
			shoot(t, step, name+" buttons")
			// A block far over its time, the notes hidden: the time stays
			// inside its frame.
			do(t, step, chromedp.KeyEvent("w"))
			c.advance(85 * time.Minute)
			waitFor(t, step, name+": 80 minutes over", func(v view) bool { return v.Over })
			inside, err := chromedp.Run(step, chromedp.Evaluate[string](`(() => {
  const frame = document.querySelector(".timer .now").getBoundingClientRect();
  const text = document.createRange();
  text.selectNodeContents(document.querySelector("#block-left"));
  const r = text.getBoundingClientRect();
  return r.right <= frame.right + 0.5 ? "" : document.querySelector("#block-left").textContent + " runs out of its frame: " + JSON.stringify(r) + " in " + JSON.stringify(frame);
})()`))
			if err != nil {
				t.Fatal(err)
			}
			if inside != "" {
				t.Errorf("%s: %s", name, inside)
			}
			do(t, step, chromedp.KeyEvent("w"))
			// To the end of the last block, and past it: the record. The
			// mouse moves, to show the buttons where they float.
			for range sp.Agenda {
				do(t, step, chromedp.KeyEvent("n"))
			}
			do(t, step, chromedp.Evaluate[chromedp.Void](`document.dispatchEvent(new MouseEvent("mousemove", {bubbles: true}))`))
			shoot(t, step, name+" record")
			out, err := chromedp.Run(step, chromedp.Evaluate[[]string](`(() => {
  const out = [];
  for (const s of ["#record", "#copy", "#present"]) {
    const r = document.querySelector(s).getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) out.push(s + " outside the screen: " + JSON.stringify(r));
  }
  // Nothing lies over the button that copies the record.
  const copy = document.querySelector("#copy"), c = copy.getBoundingClientRect();
  const top = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
  if (!copy.contains(top)) out.push("#copy is covered by " + (top ? top.outerHTML.slice(0, 80) : "nothing"));
  return out;
})()`))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range out {
				t.Errorf("%s, the record: %s", name, p)
			}
		}
	}
}

// shoot writes a screenshot named for what it shows, when SPRINTKIT_SHOTS
// names a folder.
func shoot(t *testing.T, step context.Context, what string) {
	t.Helper()
	folder := os.Getenv("SPRINTKIT_SHOTS")
	if folder == "" {
		return
	}
	png, err := chromedp.Run(step, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, strings.ReplaceAll(what, " ", "-")+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

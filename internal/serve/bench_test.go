package serve

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// BenchmarkSaveToReload measures what a team sees: from saving notes.md to
// the reload event reaching a page's event stream, with the real watcher,
// the default batching delay and a full rebuild by a warm Builder.
func BenchmarkSaveToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := sitegen.WriteDir(dir, n); err != nil {
				b.Fatal(err)
			}
			var opt Options
			opt.defaults()
			var log logBuffer
			s := NewServer(os.DirFS(dir), testDay, &log, &log)
			w, err := watch(dir, false, opt.PollInterval, log.logf)
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			if err := s.Rebuild(nil); err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go s.rebuildOnChange(ctx, batch(ctx, w.C, opt.Delay, opt.MaxDelay))
			srv := httptest.NewServer(s)
			defer srv.Close()
			defer s.Close()
			resp, err := http.Get(srv.URL + "/" + eventsPath)
			if err != nil {
				b.Fatal(err)
			}
			defer resp.Body.Close()
			events := make(chan event, 16)
			go readEvents(resp.Body, events)
			cur := (<-events).data
			notes := "sprints/" + sprintID + "/notes.md"
			i := 0
			b.ResetTimer()
			for b.Loop() {
				i++
				writeFile(b, dir, notes, fmt.Sprintf("Sparning nummer %d.\n", i))
				for {
					var ev event
					select {
					case ev = <-events:
					case <-time.After(time.Minute):
						b.Fatal("no reload event within a minute")
					}
					if ev.name == "build" && ev.data != cur {
						cur = ev.data
						break
					}
				}
			}
		})
	}
}

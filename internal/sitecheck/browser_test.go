package sitecheck

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/browsertest"
)

// fileURL is the file:// address of a page of a built site.
func fileURL(dir, page string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(page)))}
	return u.String()
}

// A tab is a browser tab that records what went wrong while it loads a
// page: requests that failed or were answered with 400 or more, and
// console errors and uncaught exceptions.
type tab struct {
	ctx context.Context

	mu       sync.Mutex
	urls     map[network.RequestID]string
	problems []string
}

func newTab(t *testing.T) *tab {
	t.Helper()
	tb := &tab{ctx: browsertest.New(t), urls: map[network.RequestID]string{}}
	err := chromedp.Listen(tb.ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.urls[e.RequestID] = e.Request.URL
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				tb.problems = append(tb.problems, fmt.Sprintf("%s: HTTP %d", e.Response.URL, e.Response.Status))
			}
		case *network.EventLoadingFailed:
			if !e.Canceled {
				tb.problems = append(tb.problems, fmt.Sprintf("%s: %s", tb.urls[e.RequestID], e.ErrorText))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			tb.problems = append(tb.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", e.Type, consoleArgs(e.Args)))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				tb.problems = append(tb.problems, fmt.Sprintf("console error: %s (%s)", e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// step returns a context for one step of a test.
func (tb *tab) step(t *testing.T) context.Context {
	return browsertest.Timeout(t, tb.ctx, 20*time.Second)
}

// open loads u and returns what went wrong while it loaded.
func (tb *tab) open(t *testing.T, u string) []string {
	t.Helper()
	tb.take()
	if err := chromedp.Do(tb.step(t), chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
	return tb.settle(t)
}

// settle makes one round trip to the page, so that the events it sent
// before have been seen, and returns the problems recorded since the last
// call.
func (tb *tab) settle(t *testing.T) []string {
	t.Helper()
	if _, err := chromedp.Run(tb.step(t), chromedp.Evaluate[int](`1`)); err != nil {
		t.Fatal(err)
	}
	return tb.take()
}

func (tb *tab) take() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	p := tb.problems
	tb.problems = nil
	return p
}

// eval runs a script in the page and decodes its result.
func eval[T any](t *testing.T, tb *tab, js string) T {
	t.Helper()
	return evalWithin[T](t, tb, tb.step(t), js)
}

// axeViolations runs axe-core on the page and returns its violations. It
// may take longer than a step: the largest pages are megabytes, and four
// browsers share the machine with other packages' tests.
func axeViolations(t *testing.T, tb *tab) []string {
	t.Helper()
	return evalWithin[[]string](t, tb, browsertest.Timeout(t, tb.ctx, 90*time.Second), axeRun)
}

func evalWithin[T any](t *testing.T, tb *tab, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("in the page: %v\n%s", err, js)
	}
	return v
}

func consoleArgs(args []*runtime.RemoteObject) string {
	s := ""
	for _, a := range args {
		if a.Value != nil {
			s += " " + string(a.Value)
		} else {
			s += " " + a.Description
		}
	}
	return s
}

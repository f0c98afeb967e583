package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// The shared timer. Under serve, a session page's timer lives here, so
// that the projector and every laptop in the room show the same block and
// the same time. A page says which sprint's timer it follows when it opens
// the event stream (events?timer=ID); the stream sends a "timer" event with
// the state at once and again after every change. Pages opened on the
// machine that runs the server (from a loopback address) control the
// timer: they post each new state to timerPath?sprint=ID. Other pages
// follow. The state is in memory only; a server that starts again has
// none, and the first controlling page that still holds one gives it back.

// timerPath is where controlling pages post the timer's state, relative to
// the site root.
const timerPath = layout.Timer

// maxTimerBody is the most a posted state may take: a hundred blocks fit
// many times over.
const maxTimerBody = 64 << 10

// maxBlocks is the most blocks a posted state may have.
const maxBlocks = 1000

// A timerState is a session timer as session.js keeps it. Times are
// milliseconds of the server's clock since 1970; pages that run on another
// clock are told the server's time with every event.
type timerState struct {
	Block int       `json:"block"` // the current block, from 0
	Spent []float64 `json:"spent"` // per block, before the current run
	Since *float64  `json:"since"` // when the current run started; null when paused
	Extra []int     `json:"extra"` // minutes added to (below 0: taken from) each block
	Ended bool      `json:"ended"` // ended on the last block
}

// check reports what is wrong with a posted state, if anything.
func (t *timerState) check() error {
	if len(t.Spent) > maxBlocks || len(t.Extra) > maxBlocks {
		return fmt.Errorf("more than %d blocks", maxBlocks)
	}
	if t.Block < 0 || t.Block >= maxBlocks {
		return fmt.Errorf("block %d is out of range", t.Block)
	}
	ok := func(f float64) bool { return !math.IsNaN(f) && f >= 0 && f < 1e15 }
	for _, f := range t.Spent {
		if !ok(f) {
			return errors.New("a spent time is out of range")
		}
	}
	if t.Since != nil && !ok(*t.Since) {
		return errors.New("the start time is out of range")
	}
	for _, m := range t.Extra {
		if m < -100000 || m > 100000 {
			return errors.New("minutes added are out of range")
		}
	}
	return nil
}

// timers holds the shared timer of each sprint that has one.
type timers struct {
	mu  sync.Mutex
	seq uint64            // counts the changes, so that a stream sees its own
	m   map[string]shared // by sprint id
}

// A shared is one sprint's timer: its state as JSON, and the change that
// set it.
type shared struct {
	state []byte
	seq   uint64
}

func (ts *timers) get(id string) shared {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.m[id]
}

// set makes state the timer of sprint id, if the timer is still the one
// of change base (0: none yet), and returns the timer as it then is and
// whether it was set. base < 0 sets it whatever it was.
func (ts *timers) set(id string, base int64, state []byte) (shared, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if base >= 0 && ts.m[id].seq != uint64(base) {
		return ts.m[id], false
	}
	if ts.m == nil {
		ts.m = map[string]shared{}
	}
	ts.seq++
	ts.m[id] = shared{state, ts.seq}
	return ts.m[id], true
}

// loopback reports whether r came from the machine that runs the server.
func loopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// mayControl reports whether the page that sent r controls the shared
// timers: it came from this machine (controls), and not through a proxy,
// which would make a page from anywhere look as if it did.
func (s *Server) mayControl(r *http.Request) bool {
	return s.controls(r) && !proxied(r)
}

// timerEvent is the data of a "timer" event: the state (null before any
// page set one), the change that set it (seq, 0 for none), the server's
// time, and whether the page controls it.
func (s *Server) timerEvent(sh shared, control bool) string {
	state := sh.state
	if state == nil {
		state = []byte("null")
	}
	return fmt.Sprintf(`{"state":%s,"seq":%d,"now":%d,"control":%t}`, state, sh.seq, s.now().UnixMilli(), control)
}

// postTimer sets the shared timer of the sprint that r names. Only pages
// of this server, opened on this machine, may (mayWrite). A page says
// which change its state follows
// (base=seq); when another page changed the timer since, the answer is
// 409 with the timer as it is, in a timer event's shape.
func (s *Server) postTimer(w http.ResponseWriter, r *http.Request, st *state) {
	if !s.mayWrite(w, r, "the shared timer") {
		return
	}
	id := r.URL.Query().Get("sprint")
	base := int64(-1)
	if b := r.URL.Query().Get("base"); b != "" {
		n, err := strconv.ParseUint(b, 10, 63)
		if err != nil {
			http.Error(w, "sprintkit serve: base is not a change's number", http.StatusBadRequest)
			return
		}
		base = int64(n)
	}
	if _, ok := st.files.at(layout.Session(id)); !ok || id == "" {
		http.Error(w, "sprintkit serve: no sprint has that id", http.StatusNotFound)
		return
	}
	var t timerState
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxTimerBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(&t)
	if err == nil {
		err = t.check()
	}
	if err == nil && dec.More() {
		err = errors.New("more than one state")
	}
	if err != nil {
		http.Error(w, "sprintkit serve: not a timer's state: "+err.Error(), http.StatusBadRequest)
		return
	}
	data, err := json.Marshal(t)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sh, ok := s.timers.set(id, base, data)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.WriteHeader(http.StatusConflict)
		io.WriteString(w, s.timerEvent(sh, true))
		return
	}
	s.hub.notify()
	fmt.Fprintf(w, `{"seq":%d,"now":%d}`, sh.seq, s.now().UnixMilli())
}

// proxied reports whether r came through a proxy, which would make a
// page from anywhere look as if it came from loopback.
func proxied(r *http.Request) bool {
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return true
		}
	}
	return false
}

// sameOrigin reports whether r was made by a page of this server: its
// Origin (which browsers send with every POST) names the host that r was
// sent to, and Sec-Fetch-Site, where the browser sends it, agrees.
func sameOrigin(r *http.Request) bool {
	if sf := r.Header.Get("Sec-Fetch-Site"); sf != "" && sf != "same-origin" {
		return false
	}
	o, err := url.Parse(r.Header.Get("Origin"))
	if err != nil || o.Scheme != "http" || o.Path != "" && o.Path != "/" {
		return false
	}
	return strings.EqualFold(o.Host, r.Host)
}

// now is the server's clock, which every shared timer runs on.
func (s *Server) now() time.Time {
	return time.Now()
}

package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// timerData is the data of a "timer" event as a page reads it.
type timerData struct {
	State   json.RawMessage `json:"state"`
	Seq     uint64          `json:"seq"`
	Now     int64           `json:"now"`
	Control bool            `json:"control"`
}

// follow opens the event stream of a session page for sprint id, sent to
// host, and returns its events.
func follow(t *testing.T, base, host, id string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/"+eventsPath+"?timer="+url.QueryEscape(id), nil)
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 {
		t.Fatalf("event stream for %s: status %d", host, resp.StatusCode)
	}
	c := make(chan event)
	go readEvents(resp.Body, c)
	return c
}

// nextTimer returns the next "timer" event of c, skipping the others.
func nextTimer(t *testing.T, c <-chan event) timerData {
	t.Helper()
	for {
		ev := nextEvent(t, c)
		if ev.name != "timer" {
			continue
		}
		var d timerData
		if err := json.Unmarshal([]byte(ev.data), &d); err != nil {
			t.Fatalf("timer event %q: %v", ev.data, err)
		}
		return d
	}
}

// postTimer posts body as a page from host would, and
// returns the status and the answer.
func postTimer(t *testing.T, base, host, id string, hdr http.Header, body string) (int, string) {
	t.Helper()
	return postQuery(t, base, host, "sprint="+url.QueryEscape(id), hdr, body)
}

// postQuery is postTimer with the query as written.
func postQuery(t *testing.T, base, host, query string, hdr http.Header, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/"+timerPath+"?"+query, strings.NewReader(body))
	if host == "" {
		u, _ := url.Parse(base)
		host = u.Host
	}
	req.Host = host
	req.Header.Set("Origin", "http://"+host)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Sec-Fetch-Mode", "cors")
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func nearNow(t *testing.T, what string, ms int64) {
	t.Helper()
	if d := time.Since(time.UnixMilli(ms)); d < -time.Second || d > 5*time.Second {
		t.Errorf("%s: the server's time is %v away from now", what, d)
	}
}

// The projector's page and a laptop's follow one timer: the page that
// controls it posts a state, and every stream of that sprint gets it.
// Here the page sent to 127.0.0.1 stands for one on the server's machine
// and the page sent to localhost for one elsewhere (TestLoopback checks
// the real rule).
func TestSharedTimer(t *testing.T) {
	dir, s, base := httpSite(t)
	s.controls = func(r *http.Request) bool { return strings.HasPrefix(r.Host, "127.0.0.1:") }
	port := base[strings.LastIndex(base, ":")+1:]
	here, away := "127.0.0.1:"+port, "localhost:"+port
	before := tree(t, dir)

	projector := follow(t, base, here, sprintID)
	laptop := follow(t, base, away, sprintID)
	other := follow(t, base, here, "2020-01-02-sprint-00001")
	for _, c := range []struct {
		name    string
		events  <-chan event
		control bool
	}{{"projector", projector, true}, {"laptop", laptop, false}, {"other sprint", other, true}} {
		d := nextTimer(t, c.events)
		if string(d.State) != "null" || d.Control != c.control {
			t.Errorf("%s: first timer event %+v, want state null and control %t", c.name, d, c.control)
		}
		nearNow(t, c.name, d.Now)
	}

	state := `{"block":1,"spent":[600000,12000.5,0],"since":1764000000000,"extra":[0,2,-1],"ended":false}`
	code, body := postTimer(t, base, here, sprintID, nil, state)
	if code != 200 {
		t.Fatalf("the projector's post: %d %s", code, body)
	}
	var answer struct{ Now int64 }
	if err := json.Unmarshal([]byte(body), &answer); err != nil {
		t.Fatalf("answer %q: %v", body, err)
	}
	nearNow(t, "the answer", answer.Now)
	for name, c := range map[string]<-chan event{"projector": projector, "laptop": laptop} {
		if d := nextTimer(t, c); string(d.State) != state {
			t.Errorf("%s: state %s, want %s", name, d.State, state)
		}
	}

	// A page that opens (or reloads, or reconnects) gets the state at once.
	if d := nextTimer(t, follow(t, base, away, sprintID)); string(d.State) != state || d.Control {
		t.Errorf("a reloaded laptop page: %+v, want the state, following", d)
	}

	// The laptop's page cannot change it.
	if code, body := postTimer(t, base, away, sprintID, nil, `{"block":0,"spent":[],"since":null,"extra":[],"ended":false}`); code != 403 || !strings.Contains(body, "only pages opened on the computer that runs the server") {
		t.Errorf("the laptop's post: %d %q, want 403 saying who controls", code, body)
	}

	// A paused state, with nothing but the block moved.
	paused := `{"block":2,"spent":[600000,15000,0],"since":null,"extra":[0,2,-1],"ended":true}`
	if code, body := postTimer(t, base, here, sprintID, nil, paused); code != 200 {
		t.Fatalf("pausing: %d %s", code, body)
	}
	if d := nextTimer(t, laptop); string(d.State) != paused {
		t.Errorf("laptop after the pause: %s, want %s", d.State, paused)
	}

	// The other sprint's timer was not touched.
	if sh := s.timers.get("2020-01-02-sprint-00001"); sh.seq != 0 {
		t.Errorf("another sprint's timer is set: %s", sh.state)
	}

	if after := tree(t, dir); after != before {
		t.Errorf("the shared timer changed the site folder:\nbefore %s\nafter  %s", before, after)
	}
}

// The control endpoint takes only what a page of this server, opened on
// this machine, sends it.
func TestTimerRefuses(t *testing.T) {
	_, _, base := httpSite(t)
	good := `{"block":0,"spent":[0],"since":null,"extra":[0],"ended":false}`
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = []string{kv[i+1]}
		}
		return out
	}
	for _, c := range []struct {
		name  string
		host  string
		id    string
		hdr   http.Header
		body  string
		code  int
		reply string
	}{
		{"another host name (DNS rebinding)", "evil.example", sprintID, h("Origin", "http://evil.example"), good, 403, "only answers to localhost"},
		{"another site's page", "", sprintID, h("Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"), good, 403, "pages of other sites"},
		{"another port of localhost", "", sprintID, h("Origin", "http://127.0.0.1:1", "Sec-Fetch-Site", "same-site"), good, 403, "pages of other sites"},
		{"another origin, no Sec-Fetch-Site", "", sprintID, h("Origin", "http://evil.example", "Sec-Fetch-Site", ""), good, 403, "only from this server's own pages"},
		{"no origin", "", sprintID, h("Origin", "", "Sec-Fetch-Site", ""), good, 403, "only from this server's own pages"},
		{"an https origin", "", sprintID, h("Origin", "https://"+strings.TrimPrefix(base, "http://")), good, 403, "only from this server's own pages"},
		{"a form's content type", "", sprintID, h("Content-Type", "text/plain"), good, 415, "application/json"},
		{"no such sprint", "", "2099-01-01-nothing", nil, good, 404, "no sprint has that id"},
		{"a path for an id", "", "../" + sprintID, nil, good, 404, "no sprint has that id"},
		{"no id", "", "", nil, good, 404, "no sprint has that id"},
		{"not JSON", "", sprintID, nil, "block=1", 400, "not a timer's state"},
		{"an unknown field", "", sprintID, nil, `{"block":0,"script":"x"}`, 400, "unknown field"},
		{"a block below 0", "", sprintID, nil, `{"block":-1}`, 400, "out of range"},
		{"a time below 0", "", sprintID, nil, `{"block":0,"spent":[-5]}`, 400, "out of range"},
		{"a start in the far future", "", sprintID, nil, `{"block":0,"since":1e300}`, 400, "out of range"},
		{"two states", "", sprintID, nil, good + good, 400, "more than one state"},
		{"too many blocks", "", sprintID, nil, `{"block":0,"extra":[` + strings.Repeat("0,", maxBlocks) + `0]}`, 400, "more than 1000 blocks"},
		{"too large", "", sprintID, nil, `{"block":0,"spent":[` + strings.Repeat(" ", maxTimerBody) + `0]}`, 400, "too large"},
	} {
		code, body := postTimer(t, base, c.host, c.id, c.hdr, c.body)
		if code != c.code || !strings.Contains(body, c.reply) {
			t.Errorf("%s: %d %q, want %d with %q", c.name, code, body, c.code, c.reply)
		}
	}

	// Only POST.
	code, hdr, _ := raw(t, base, "/"+timerPath+"?sprint="+sprintID, "")
	if code != 405 || hdr.Get("Allow") != "POST" {
		t.Errorf("GET of the control endpoint: %d, Allow %q; want 405, POST", code, hdr.Get("Allow"))
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:5000":        true,
		"127.8.0.1:5000":        true,
		"[::1]:5000":            true,
		"[::ffff:127.0.0.1]:80": true,
		"192.168.1.10:5000":     false,
		"10.0.0.1:5000":         false,
		"[fe80::1%eth0]:5000":   false,
		"[2001:db8::1]:5000":    false,
		"127.0.0.1":             false, // no port: not what a server sees
		"":                      false,
	} {
		if got := loopback(&http.Request{RemoteAddr: addr}); got != want {
			t.Errorf("loopback(%q) = %t, want %t", addr, got, want)
		}
	}
}

// A page opened from another machine, which here is this machine's own
// address on its network, follows and cannot post.
func TestNetworkPageFollows(t *testing.T) {
	ip := networkAddr(t)
	_, s, _ := httpSite(t)
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: s}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	s.hosts[ip] = true
	base := "http://" + l.Addr().String()

	if d := nextTimer(t, follow(t, base, "", sprintID)); d.Control {
		t.Errorf("a page from %s controls the timer", ip)
	}
	if code, _ := postTimer(t, base, "", sprintID, nil, `{"block":0}`); code != 403 {
		t.Errorf("a post from %s: %d, want 403", ip, code)
	}
}

// networkAddr returns an address of this machine that is not loopback.
func networkAddr(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	t.Skip("this machine has no network address besides loopback; TestLoopback checks the rule")
	return ""
}

// A page says which change its state follows; when another page changed
// the timer since, its change is refused, and the answer is the timer as
// it is.
func TestTimerConflict(t *testing.T) {
	_, s, base := httpSite(t)
	id := url.QueryEscape(sprintID)
	first := `{"block":1,"spent":[0,0,0],"since":null,"extra":[0,0,0],"ended":false}`
	code, body := postQuery(t, base, "", "sprint="+id+"&base=0", nil, first)
	var ok struct{ Seq uint64 }
	if err := json.Unmarshal([]byte(body), &ok); code != 200 || err != nil || ok.Seq == 0 {
		t.Fatalf("the first change, following none: %d %s", code, body)
	}
	// Another page, which had not seen the first change, is refused.
	code, body = postQuery(t, base, "", "sprint="+id+"&base=0", nil, `{"block":2,"spent":[0,0,0],"since":null,"extra":[0,0,0],"ended":false}`)
	var now timerData
	if err := json.Unmarshal([]byte(body), &now); code != 409 || err != nil || string(now.State) != first || now.Seq != ok.Seq {
		t.Errorf("a change that follows an old one: %d %s, want 409 with the first change, seq %d", code, body, ok.Seq)
	}
	if got := string(s.timers.get(sprintID).state); got != first {
		t.Errorf("after the refused change the timer is %s", got)
	}
	// Following the first change, it is taken.
	code, body = postQuery(t, base, "", fmt.Sprintf("sprint=%s&base=%d", id, ok.Seq), nil, `{"block":2,"spent":[0,0,0],"since":null,"extra":[0,0,0],"ended":false}`)
	if code != 200 {
		t.Errorf("a change that follows the latest: %d %s", code, body)
	}
	if code, _ := postQuery(t, base, "", "sprint="+id+"&base=x", nil, first); code != 400 {
		t.Errorf("base=x: %d, want 400", code)
	}
}

// Through a proxy on this machine every page would come from loopback:
// a request that a proxy forwarded does not control the timer.
func TestTimerBehindAProxy(t *testing.T) {
	_, _, base := httpSite(t)
	good := `{"block":0,"spent":[0],"since":null,"extra":[0],"ended":false}`
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip"} {
		code, body := postTimer(t, base, "", sprintID, http.Header{h: {"192.0.2.7"}}, good)
		if code != 403 {
			t.Errorf("with %s: %d %q, want 403", h, code, body)
		}
	}
	// A charset in the content type is still JSON.
	if code, body := postTimer(t, base, "", sprintID, http.Header{"Content-Type": {"application/json; charset=utf-8"}}, good); code != 200 {
		t.Errorf("application/json; charset=utf-8: %d %q", code, body)
	}
}

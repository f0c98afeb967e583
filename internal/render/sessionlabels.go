package render

import (
	"encoding/json"
	"strings"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// sessionLabels are the texts that session.js and timer.js show as a
// session runs, each by the name they ask for it by (label(name)), with
// its label key. They go to the browser once a build, in the asset
// session-labels.js (sessionLabelsAsset), which each session view loads
// before session.js: on every session view they were 1.2 KB of
// attributes, 12 MB of a site of 10,000 sprints that no browser could
// cache. session.js reads them, as it always has, from #session's
// data-label-<name> attributes, where the asset puts them: those that a
// site's own session.html from before carries already stay as they are.
var sessionLabels = []struct{ name, key string }{
	{"start", "session.start"},
	{"pause", "session.pause"},
	{"resume", "session.resume"},
	{"over", "session.over"},
	{"running", "session.running"},
	{"paused", "session.paused"},
	{"block", "session.blockOf"},
	{"reset-confirm", "session.resetConfirm"},
	{"next", "session.next"},
	{"finish", "session.finish"},
	{"ended", "session.ended"},
	{"last", "session.lastBlock"},
	{"soon", "session.soon"},
	{"over-by-one", "session.overBy.one"},
	{"over-by-other", "session.overBy.other"},
	{"minutes-one", "session.minutes.one"},
	{"minutes-other", "session.minutes.other"},
	{"total-one", "sprint.minutes.one"},
	{"total-other", "sprint.minutes.other"},
	{"present", "session.present"},
	{"leave", "session.leave"},
	{"chime-on", "session.chimeOn"},
	{"chime-off", "session.chimeOff"},
	{"copied", "session.copied"},
	{"copy-hand", "session.copyHand"},
	{"not-shared", "session.notShared"},
	{"notes-on", "session.notesOn"},
	{"notes-off", "session.notesOff"},
	{"block-head", "session.block"},
	{"planned", "session.planned"},
	{"actual", "session.actual"},
	{"total", "session.total"},
}

// sessionLabelsName is the asset that holds sessionLabels in the site's
// words.
const sessionLabelsName = "session-labels.js"

// sessionLabelsAsset is session-labels.js: the session's texts in the
// site's language, with its [labels], as the object
// window.sprintkitSessionLabels.
func (r *renderer) sessionLabelsAsset() ([]byte, error) {
	m := make(map[string]string, len(sessionLabels))
	for _, l := range sessionLabels {
		m[l.name] = r.text.get(l.key)
	}
	// encoding/json writes <, > and & as \u escapes: nothing in a label
	// can end a script.
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	out := []byte("// The texts of the session view in this site's words (sprintkit makes this file).\nwindow.sprintkitSessionLabels = ")
	out = append(out, b...)
	out = append(out, ";\n"+labelsOnRoot...)
	markup, err := r.sessionMarkup()
	if err != nil {
		return nil, err
	}
	out = append(out, "window.sprintkitSessionMarkup = "...)
	out = append(out, markup...)
	return append(out, ";\n"+markupInPage...), nil
}

// sessionMarkup is, as a JSON object, the markup that every session view
// shows only once its script runs and that is the same on each: the
// record of the time and the help on the keys, drawn once a build from
// session.html's "session-record" and "session-keys" instead of into each
// of a year's session views (1,850 bytes of 8,750). A site's own
// session.html from before that draws them itself defines neither: then
// there is none of it. A site's own session-labels.js carries none: then
// the session views draw them (SessionView.PartsInPage).
func (r *renderer) sessionMarkup() ([]byte, error) {
	m := map[string]string{}
	set := r.pages["session"]
	for _, part := range []struct{ name, tmpl string }{{"record", "session-record"}, {"keys", "session-keys"}} {
		if set.Lookup(part.tmpl) == nil {
			continue
		}
		var b strings.Builder
		if err := set.ExecuteTemplate(&b, part.tmpl, nil); err != nil {
			return nil, err
		}
		m[part.name] = b.String()
	}
	// As the labels: <, > and & as \u escapes.
	return json.MarshalIndent(m, "", "  ")
}

// markupInPage puts the session markup in the page where it has it not:
// the record after the timer, the keys' help at the end of #session. The
// asset runs before session.js, which finds them there.
const markupInPage = `(function () {
  var root = document.getElementById("session"), timer = document.getElementById("timer"), m = window.sprintkitSessionMarkup;
  if (!root) return;
  if (m.record && timer && !document.getElementById("record")) timer.insertAdjacentHTML("afterend", m.record);
  if (m.keys && !document.getElementById("keys-dialog")) root.insertAdjacentHTML("beforeend", m.keys);
})();
`

// labelsOnRoot puts the texts on #session as the data-label-* attributes
// it has not got, where session.js reads them. The asset is loaded after
// #session, before session.js.
const labelsOnRoot = `(function () {
  var root = document.getElementById("session"), labels = window.sprintkitSessionLabels;
  if (!root) return;
  for (var name in labels) {
    if (!root.hasAttribute("data-label-" + name)) root.setAttribute("data-label-" + name, labels[name]);
  }
})();
`

// writeSessionLabels writes session-labels.js, unless the site's
// templates hold a file of that name, which is then the asset.
func (r *renderer) writeSessionLabels(w Writer) error {
	if r.ownLabels {
		return nil
	}
	b, err := r.sessionLabelsAsset()
	if err != nil {
		return err
	}
	return w.WriteFile(layout.Asset(sessionLabelsName), b)
}

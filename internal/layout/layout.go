// Package layout is the one table of where everything lives in a built
// site: every page, asset, data file and anchor, as a path from the top of
// the site. internal/render builds every link from it and templates
// hard-code none; internal/site asks it which names a user's file may not
// take. It sits below both, since render imports site.
//
// Every page is a folder's index.html, so that links can end in
// index.html and work from a file share as well as from a web server.
package layout

import (
	"path"
	"strings"
)

// The pages and files that there is one of in every site. Each is
// declared through at, and so reserves its top-level name (Reserved).
var (
	Index       = at("index.html")
	Assumptions = at("assumptions/index.html")
	NotFound    = at("404.html")
	SearchIndex = at("search-index.js") // a script, so that search works from file://
	Feed        = at("feed.xml")        // only when the site has a base_url
	Actions     = at("actions/index.html")
	Studies     = at("studies/index.html") // every study as a row, linking to its map
	ActionsCSV  = at("actions.csv")        // every action, for Excel and LibreOffice
	ActionsICS  = at("actions.ics")        // open and doing actions with a due date, for calendars
	SprintsJSON = at("sprints.json")       // every sprint and study, for dashboards
)

// TeamICS is the calendar of the actions of the team whose slug is given,
// beside its page, for the team to subscribe to.
var TeamICS = each("teams/<id>/actions.ics")

// Out is the folder in the site folder that sprintkit build writes the
// site to, unless --out names another.
const Out = "public"

// assets is the folder that every template file that is not a page is
// copied to.
const assets = "assets"

// server is the dev server's own part of the address space: no file of a
// site may live there.
const server = "_sprintkit"

// The dev server's own addresses, which no built site holds.
const (
	Events = server + "/events" // the live reload stream, and the shared timers
	Timer  = server + "/timer"  // where controlling pages set a shared timer
	Edit   = server + "/edit"   // where pages opened on the serving machine record into the site's files
)

// Sprint is the page of the sprint id.
var Sprint = each("sprints/<id>/index.html")

// Session is the session view of the sprint id, for the projector.
var Session = each("sprints/<id>/session/index.html")

// SprintFile is where a file beside a sprint's plan is copied: name is
// its path inside the sprint's folder (which Sprint reserves).
func SprintFile(id, name string) string { return "sprints/" + id + "/" + name }

// SessionUp is the way from a session view up to its sprint's folder:
// what goes before an address written relative to the sprint's files
// (in its notes) for it to hold on the session view.
func SessionUp() string {
	return strings.Repeat("../", strings.Count(Session("x"), "/")-strings.Count(SprintFile("x", "f"), "/"))
}

// Study is the page of the study id.
var Study = each("studies/<id>/index.html")

// Stage is the anchor of the stage id on its study's page.
func Stage(id string) string { return "stage-" + id }

// StageOf is the stage stageID on the page of the study studyID.
func StageOf(studyID, stageID string) string { return Study(studyID) + "#" + Stage(stageID) }

// Team is the page of the team whose slug is given.
var Team = each("teams/<id>/index.html")

// ActionPart is the anchor of the actions in one state (overdue, open,
// doing, done, dropped) on the actions page.
func ActionPart(state string) string { return "state-" + state }

// Page is the free page made from content/<id>.md. It is declared
// apart from the others: its folder is the site's to name, not reserved.
func Page(id string) string { return id + "/index.html" }

// Asset is a template file that is not a page, such as style.css.
func Asset(name string) string { return assets + "/" + name }

// Rel is the link from the page at from to the file at to, both paths
// from the top of the site, as a relative URL: up to the top, then down
// ("../../teams/x/index.html" from a sprint's page). Every link goes
// through the top, so a link to a page reads the same on every page at
// one depth.
func Rel(from, to string) string {
	return Root(from) + to
}

// Root leads from the page at from to the top of the site: "" at the
// top, "../../" two folders down.
func Root(from string) string {
	n := strings.Count(from, "/")
	if 3*n <= len(ups) {
		return ups[:3*n]
	}
	return strings.Repeat("../", n)
}

// ups holds the roots of the usual depths, so that Root makes none.
const ups = "../../../../../../../../"

// tops are the top-level names that sprintkit makes itself: the top
// folder of every path declared through at or each, or the name of a file
// at the top without its extension (a page called feed would read as the
// feed); and, declared here, the assets, the dev server's part, and
// search (which would read as the search index).
var tops = map[string]bool{assets: true, server: true, "search": true}

// at declares the path p of a page or file that there is one of: it
// reserves p's top-level name and returns p.
func at(p string) string {
	top, _, nested := strings.Cut(p, "/")
	if !nested {
		top = strings.TrimSuffix(top, path.Ext(top))
	}
	tops[top] = true
	return p
}

// each declares where the page or file of each element of a list goes:
// pattern holds <id> where the element's id goes, after the top folder,
// which it reserves. It returns the path of the element id.
func each(pattern string) func(id string) string {
	before, after, ok := strings.Cut(pattern, "<id>")
	if !ok || !strings.Contains(before, "/") {
		panic("layout: " + pattern + " has no <id> below a top folder")
	}
	at(before)
	return func(id string) string { return before + id + after }
}

// Reserved reports whether a free page may not be given the top-level
// folder top: sprintkit makes that part of the site itself.
func Reserved(top string) bool { return tops[top] }

// Generated reports whether a file copied to dst in the built site would
// take the place of a page, asset or data file that sprintkit makes: every
// page is an index.html, the few files at the top and the assets are its
// own, and so is each sprint's session folder.
func Generated(dst string) bool {
	switch {
	case path.Base(dst) == "index.html",
		dst == NotFound, dst == Feed, dst == SearchIndex, dst == ActionsCSV, dst == ActionsICS, dst == SprintsJSON,
		path.Base(dst) == path.Base(TeamICS("x")) && strings.HasPrefix(dst, "teams/"),
		strings.HasPrefix(dst, assets+"/"), strings.HasPrefix(dst, server+"/"):
		return true
	}
	parts := strings.Split(dst, "/")
	return len(parts) >= 4 && parts[0] == "sprints" && parts[2] == "session"
}

// Package site reads a sprintkit site folder into plain, linked structs and
// checks it, returning every problem with its place (path:line:col).
//
// # The site folder
//
//	content/site.toml                 site settings
//	content/studies/<id>.md           a large original study: TOML front matter between +++ lines, then Markdown
//	content/studies/<id>.toml         or the study's map apart, as pure TOML, beside <id>.md of text alone
//	content/<page>.md                 a free page (optional front matter: title, description)
//	content/**/<other files>          copied as they are
//	sprints/<id>/sprint.toml          a sprint plan; the folder name is the sprint's id (2026-11-24-slug)
//	sprints/<id>/notes.md             the session write-up (optional)
//	sprints/<id>/<other files>        copied beside the sprint's page
//	templates/<name>                  a site's own templates, over the embedded ones (package templates)
//
// Hidden files and editors' temporary, swap and backup files are ignored
// everywhere (see Ignored): so is .sprintkit/, where `sprintkit schema`
// writes the JSON Schemas that editors check the TOML files by (package
// schema).
//
// # The table of keys
//
// Every key of sprint.toml, a study's map, site.toml and a page's front
// matter is declared once, in keys.toml: its type, enum, whether it is
// required or its default, and a line on what it is for in Swedish and
// English (SprintKeys, StudyKeys, SettingsKeys, PageKeys). The loader reads
// every file through it (read.go): a table's known keys and the "did you
// mean" among them, each key's type, enum and default, and the positioned
// problems; package schema makes the JSON Schemas and the README's tables
// from it, and package scaffold the comments of the files it writes. The
// lists below say the same in short; keys.toml is the one that counts.
//
// A study keeps its map (the keys below) either as front matter of
// <id>.md or in <id>.toml beside it, whose first line may tell editors its
// schema (#:schema ../../.sprintkit/schema/study.schema.json); a map in
// both places is a problem at <id>.md, and a study with neither is too.
//
// Only regular files inside the folder are read (OpenFolder, limits.go):
// a symbolic link, named pipe, device or socket anywhere in the site is a
// problem with its path. TOML over MaxTOML or nested more than 16 deep, and
// Markdown over MaxMarkdown, are refused before they are parsed; text must
// be UTF-8. Markdown is refused too, at its line, in the shapes that would
// cost goldmark seconds and hundreds of MB (mdlimits.go): lists and block
// quotes nested more than 32 deep, tables of more than 100 columns, and in
// one file more than 10,000 reference definitions, 100,000 emphasis marks
// or 200,000 elements (lines, list items, links, marks, cells), long
// paragraphs thick with marks, and long references used often. The text
// fields of one TOML file hold at most 10,000 elements together, and its
// arrays 2,000 items in all. A sprint folder's, study's or page's name may
// not hold '#', '?', '%', '\' or control characters, which would break its
// address.
//
// # content/site.toml
//
//	title        string, required
//	language     "sv" or "en" (default "en"): all interface text and dates follow it
//	base_url     absolute http(s) address; only for the feed's absolute links
//	description  string
//	[labels]     interface text by label key, over the language's own (internal/labels)
//	unsafe_html  bool (default false): let raw HTML in Markdown through
//
// # A study's front matter
//
//	title (required), date, owner, kind (journey-map, interviews, survey, other;
//	default other), report (an http, https, file or mailto address, or a relative
//	path; javascript: and other schemes are refused), summary, and [[stages]]:
//	the journey map as a change plan, one table a stage, left to right.
//
//	[[stages]]          id (required, unique), name (required; a customer activity),
//	                    energy_now and energy_wanted (what the stage costs the
//	                    customer today and what it should: low, medium, high),
//	                    current, desired, touchpoints ([string]), and changes:
//	                    each a string (a planned change) or an inline table
//	                    { text = "...", team = "...", status = "...", sprint = "<id>" }
//	                    with status (planned, doing, done, dropped; default planned),
//	                    and optionally owner, due (a date) and since (a date: the
//	                    day its state last moved). A change that names a sprint
//	                    and says no status follows that sprint's action: its
//	                    status, and its team, owner and due where it has none;
//	                    the action is then not listed again on the stage. A
//	                    status that differs from a done sprint's action is warned
//	                    about.
//	[[stages.beliefs]]  what the organisation believes there: id (required, unique
//	                    in the study), text (required), basis (required: assumption
//	                    or insight), importance (high, low), evidence (none,
//	                    opinion, anecdote, research, data)
//
// A belief's state comes from the done sprints that test it: untested;
// the latest verdict (supported, refuted, inconclusive); or contested when
// one supported it and another refuted it. Its evidence after is the
// [result] evidence of the sprint that set its state. An important,
// weakly evidenced (none, opinion, anecdote), untested belief is one to
// test next.
//
// A study's log (Study.Log) is derived from the site: each done sprint's
// test and lesson, the action it started, each change a done sprint
// started, and each change's state on its since day, newest first.
//
// # sprint.toml
//
//	title, date (a TOML date), team, study (a study id)           required
//	relation     pilots (default), follows-up, challenges, confirms
//	stage        a stage id of the study
//	status       planned (default), done, abandoned
//	duration     minutes, default 90
//	facilitator  string;  participants [string];  follows  an earlier sprint's id
//	[assumption] belief (required), basis (required: assumption or insight),
//	             importance (high, low), evidence (none, opinion, anecdote, research, data);
//	             or tests = "<belief id>" of the study, and then belief, basis,
//	             importance, evidence and the sprint's stage default from the belief
//	             (a copy in the plan that differs from the study's is warned about)
//	[question]   ask (required), method (required: interview, observation, survey,
//	             data, prototype, other), customers (integer), criterion
//	[action]     do (required), team (default: the sprint's team), strengthens,
//	             energy (low, medium, high), owner, due (a date),
//	             status (planned, doing, done, dropped; "open" reads as planned)
//	[result]     verdict (supported, refuted, inconclusive) and learned: required
//	             when status is done; evidence; recorded (a date: the day the
//	             result was written, the feed entry's updated)
//	[[agenda]]   block and minutes; the minutes add up to duration. Without it the
//	             default agenda (10, 10, 40, 15, 15 minutes) is scaled to duration.
//
// Text fields are Markdown. Unknown keys are problems, with a "did you mean".
//
// # The model
//
// Load returns a Site: Settings, Studies (by id), Sprints (newest first),
// Teams (by slug) with their Sprints and Actions (planned first, then low
// energy first, then by due date), Pages and Files. Sprints are linked to
// their Study, Stage, Follows/FollowedBy and teams; studies and stages list
// the sprints that touched them. Warnings hold what tends to go stale: a
// sprint still planned a week after its date, a done sprint whose action is
// still planned past its due date, a change whose status differs from its
// sprint's action, a plan's copy of a belief that differs from the study's,
// a link or image in notes.md to a file not in the sprint's folder (at its
// line and column in notes.md). Each warning has a Kind (WarningKinds), by
// which Problems.Summary counts them and Problems.Brief keeps the first of
// each kind past MaxWarnings. A wrong id names at most the five nearest.
//
// Counting actions: an action counts (Sprint.ActionState, Site.Actions,
// Team.ActionsAsOf) only once its sprint is done. A planned sprint's action
// is Intended, never overdue (Sprint.Overdue); an abandoned sprint's counts
// nowhere. A planned sprint past its day is NotHeld.
//
// Templates never see the model: internal/render makes a view of each
// page from it, and its package doc is the template contract.
package site

// Package templates holds sprintkit's default templates and assets,
// embedded in the binary. A site's own templates/ folder overrides them
// file by file: templates/X overrides the embedded X.
//
// Pages: base.html (the frame of every page, with the blocks "verdict",
// "sprintlist" and "search"), index.html, sprint.html, session.html,
// study.html, team.html, assumptions.html, page.html and 404.html; each
// defines "main". Assets: every other file (style.css, session.js,
// search.js) is copied to assets/ in the built site.
package templates

import "embed"

//go:embed *
var FS embed.FS

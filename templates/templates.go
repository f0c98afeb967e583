// Package templates holds sprintkit's default templates and assets,
// embedded in the binary. A site's own templates/ folder overrides them
// file by file: templates/X overrides the embedded X.
//
// Pages: base.html (the frame of every page, with the blocks "verdict",
// "sprintlist" and "search"), and one template for each kind of page
// (internal/render's kinds.go), which defines "main":
//
//	index.html assumptions.html actions.html studies.html study.html
//	team.html sprint.html session.html page.html 404.html
//
// Assets: every other file (the style sheets and scripts, such as
// style.css and session.js) is copied to assets/ in the built site.
package templates

import "embed"

//go:embed *
var FS embed.FS

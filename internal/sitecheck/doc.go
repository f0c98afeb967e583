// Package sitecheck holds the site-wide checks of built sites, as tests:
// the example site in the repository and generated sites (internal/sitegen)
// are built into temporary folders and then checked with the Nu HTML
// Checker, axe-core in headless Chromium, a crawl of every link from file://
// and from a sub-path over HTTP, print to PDF, and a search benchmark.
//
// The tools come from $VNU_JAR and $AXE_JS, or from .ci/node_modules at the
// module root, where .ci/run installs them. A test skips with a message
// when one is missing, and fails instead when CI is set.
package sitecheck

// Package lighthouse runs Lighthouse, Chromium's audit of a page's
// performance, accessibility, best practices and SEO, on the example
// site's pages, as a test. It is a package of its own, apart from
// internal/sitecheck, so that go test ./... runs its minutes beside the
// other site checks, each package within its own time limit.
//
// Lighthouse comes from $LIGHTHOUSE (its cli/index.js) or from
// .ci/node_modules at the module root, where .ci/run installs it, and
// runs with Node and Chromium. Without one the test skips with a message,
// and fails instead when CI is set.
package lighthouse

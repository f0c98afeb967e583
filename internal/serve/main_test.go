package serve

import (
	"os"
	"testing"

	"github.com/sprintkit/sprintkit/internal/browsertest"
)

// TestMain names, once the tests have run, the browser tests that were
// skipped for want of Chromium.
func TestMain(m *testing.M) {
	os.Exit(browsertest.Main(m, "internal/serve"))
}

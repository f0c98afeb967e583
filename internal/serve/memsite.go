package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// A file is one file of a built site, held in memory.
type file struct {
	data []byte
	sum  [sha256.Size]byte
}

// memWriter receives a built site into memory. It is render's Writer:
// WriteFile is safe to call from several goroutines at once.
type memWriter struct {
	prev  map[string]file // the last good build, read only
	mu    sync.Mutex
	files map[string]file
}

// newMemWriter returns a memWriter that knows prev, the last good build
// (nil for none), to skip hashing the pages that a build reused.
func newMemWriter(prev map[string]file) *memWriter {
	return &memWriter{prev: prev, files: make(map[string]file, len(prev))}
}

// WriteFile keeps data under name; a name written twice is an error, as
// it is for the folder writer, since one file would hide the other. The
// data is hashed here, outside the lock, so the render's goroutines share
// the work; a reused page, the very bytes of the last build, keeps its
// hash.
func (m *memWriter) WriteFile(name string, data []byte) error {
	f := file{data: data}
	if old, ok := m.prev[name]; ok && len(old.data) == len(data) && len(data) > 0 && &old.data[0] == &data[0] {
		f.sum = old.sum
	} else {
		f.sum = sha256.Sum256(data)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; ok {
		return fmt.Errorf("%s: written twice", name)
	}
	m.files[name] = f
	return nil
}

// hash returns a short hex digest of the whole site: every name and the
// bytes under it. The same output gives the same hash, in this process
// and the next one, so a browser reloads only when the output changed.
func hash(files map[string]file) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f := files[name]
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(f.sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

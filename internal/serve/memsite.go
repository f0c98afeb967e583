package serve

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sync"
)

// A file is one file of a built site, held in memory.
type file struct {
	data []byte
	sum  [sha256.Size]byte // of the name and the data
}

// memWriter receives a built site into memory. It is render's Writer:
// WriteFile is safe to call from several goroutines at once.
type memWriter struct {
	prev  map[string]file // the last good build, read only
	mu    sync.Mutex
	files map[string]file
	late  map[string]bool // written after mark; nil before it
}

// mark returns a copy of the files written so far, and from now on notes
// the names of those written after, which are late.
func (m *memWriter) mark() map[string]file {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.late = map[string]bool{}
	files := make(map[string]file, len(m.prev))
	for name, f := range m.files {
		files[name] = f
	}
	return files
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
		h := sha256.New()
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(data)
		h.Sum(f.sum[:0])
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; ok {
		return fmt.Errorf("%s: written twice", name)
	}
	m.files[name] = f
	if m.late != nil {
		m.late[name] = true
	}
	return nil
}

// hash returns a short hex digest of the site: every name and the bytes
// under it, but for the names in skip. The same output gives the same
// hash, in this process and the next one, so a browser reloads only when
// the output changed.
// It adds up the files' own sums, lane by lane, so that it needs no
// order and costs one addition a file.
func hash(files map[string]file, skip map[string]bool) string {
	var lanes [4]uint64
	for name, f := range files {
		if skip[name] {
			continue
		}
		for i := range lanes {
			lanes[i] += binary.LittleEndian.Uint64(f.sum[8*i:])
		}
	}
	var b [32]byte
	for i, l := range lanes {
		binary.LittleEndian.PutUint64(b[8*i:], l)
	}
	return hex.EncodeToString(b[:12])
}

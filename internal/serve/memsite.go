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
	files map[string]file // written before mark; once marked, only read
	sum   lanes           // of what the build wrote to files
	// borrowed are the names in files that the last build wrote late and
	// this one had not written when it was marked (mark).
	borrowed map[string]bool
	after    map[string]file // written after mark, late; nil before it
}

// newMemWriter returns a memWriter that knows prev, the last good build
// (nil for none), to skip hashing the pages that a build reused.
func newMemWriter(prev map[string]file) *memWriter {
	return &memWriter{prev: prev, files: make(map[string]file, len(prev))}
}

// mark ends the files that pages show as they load. It returns them, with
// the files in borrow (the last build's late ones) under the names not
// written yet, and their hash but for borrow's names; from now on what is
// written is late. Nothing writes to the map it returns: the early state
// serves it as it is while the late files are made, with no copy of
// thousands of pages.
func (m *memWriter) mark(borrow map[string]file) (map[string]file, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.after, m.borrowed = map[string]file{}, map[string]bool{}
	sum := m.sum
	for name, f := range borrow {
		if mine, ok := m.files[name]; ok {
			sum.sub(mine)
			continue
		}
		m.files[name] = f
		m.borrowed[name] = true
	}
	return m.files, sum.String()
}

// done returns what the build wrote: every file, the names of the late
// ones (nil when it was not marked), the hash of the site but for them,
// and the hash of all of it.
func (m *memWriter) done() (files map[string]file, late map[string]bool, shown, all string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.after == nil {
		return m.files, nil, m.sum.String(), m.sum.String()
	}
	files = make(map[string]file, len(m.files)+len(m.after))
	for name, f := range m.files {
		if !m.borrowed[name] {
			files[name] = f
		}
	}
	late = make(map[string]bool, len(m.after))
	total := m.sum
	for name, f := range m.after {
		files[name] = f
		late[name] = true
		total.add(f)
	}
	return files, late, m.sum.String(), total.String()
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
	_, early := m.files[name]
	_, late := m.after[name]
	if early && !m.borrowed[name] || late {
		return fmt.Errorf("%s: written twice", name)
	}
	if m.after != nil {
		m.after[name] = f
		return nil
	}
	m.files[name] = f
	m.sum.add(f)
	return nil
}

// lanes add up files' own sums, lane by lane, into a short hex digest of
// a site: every name and the bytes under it. The same output gives the
// same digest, in this process and the next one, so a browser reloads
// only when the output changed; it needs no order, and costs one addition
// a file.
type lanes [4]uint64

func (l *lanes) add(f file) {
	for i := range l {
		l[i] += binary.LittleEndian.Uint64(f.sum[8*i:])
	}
}

func (l *lanes) sub(f file) {
	for i := range l {
		l[i] -= binary.LittleEndian.Uint64(f.sum[8*i:])
	}
}

func (l lanes) String() string {
	var b [32]byte
	for i, v := range l {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return hex.EncodeToString(b[:12])
}

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

// files are a built site's files, by name: those a build wrote, over the
// last build's in the early state (Rebuild), where the pages it has not
// written yet and its late files are the last build's.
type files struct {
	own   map[string]file
	under map[string]file // the last build's, in an early state; else nil
	// only, when set, are the names of under that show: the late files,
	// when the build wrote every page before it was marked.
	only map[string]bool
}

// at is the file name.
func (fs files) at(name string) (file, bool) {
	if f, ok := fs.own[name]; ok {
		return f, true
	}
	if fs.only != nil && !fs.only[name] {
		return file{}, false
	}
	f, ok := fs.under[name]
	return f, ok
}

// memWriter receives a built site into memory. It is render's Writer:
// WriteFile is safe to call from several goroutines at once. A build
// writes in three runs: the files pages show first (up to mark), the
// other pages (up to paged), and the late files.
type memWriter struct {
	prev      map[string]file // the last good build, read only
	prevLate  map[string]bool // its late files
	prevShown lanes           // the sum of its files but the late ones

	mu       sync.Mutex
	files    map[string]file // written before mark; once marked, only read
	sum      lanes           // of files
	gone     lanes           // of the last build's files under names in files, but its late ones
	rest     map[string]file // written after mark, before paged; nil before mark
	restSum  lanes
	after    map[string]file // written after paged, late; nil before paged
	afterSum lanes
}

// newMemWriter returns a memWriter that knows last, the state of the last
// good build (one with no files for none), to skip hashing the pages that
// a build reused and to show its files under those not written yet
// (mark).
func newMemWriter(last *state) *memWriter {
	return &memWriter{prev: last.files.own, prevLate: last.late, prevShown: last.shown, files: make(map[string]file, len(last.files.own))}
}

// mark ends the first run of files: those of the pages edited (render's
// Options.First), the assets and the copied files; or every page, when
// paged came first. It returns them over the last build's files, and the
// hash of what pages show there: the last build's, with the files written
// since in place of theirs. Over every page, only the last build's late
// files show, and the hash is of the pages alone, as the build's will be
// when it ends: a page deleted is gone at once, and the browsers do not
// reload twice. Nothing writes to the maps it returns: the early state
// serves them as they are while the rest is made, with no copy of
// thousands of pages.
func (m *memWriter) mark() (files, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.after != nil {
		return files{own: m.files, under: m.prev, only: m.prevLate}, m.sum.String()
	}
	m.rest = map[string]file{}
	sum := m.prevShown
	sum.subLanes(m.gone)
	sum.addLanes(m.sum)
	return files{own: m.files, under: m.prev}, sum.String()
}

// paged ends the pages: what is written from now on is late. It comes
// after mark, or before it when every page was written first.
func (m *memWriter) paged() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.after = map[string]file{}
}

// done returns what the build wrote: every file, the names of the late
// ones (nil when it was not marked), the sum of the files but them, and
// the hash of all of it.
func (m *memWriter) done() (fs files, late map[string]bool, shown lanes, all string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	shown = m.sum
	shown.addLanes(m.restSum)
	total := shown
	total.addLanes(m.afterSum)
	if m.rest == nil && m.after == nil {
		return files{own: m.files}, nil, shown, total.String()
	}
	own := make(map[string]file, len(m.files)+len(m.rest)+len(m.after))
	for _, run := range []map[string]file{m.files, m.rest, m.after} {
		for name, f := range run {
			own[name] = f
		}
	}
	late = make(map[string]bool, len(m.after))
	for name := range m.after {
		late[name] = true
	}
	return files{own: own}, late, shown, total.String()
}

// WriteFile keeps data under name; a name written twice is an error, as
// it is for the folder writer, since one file would hide the other. The
// data is hashed here, outside the lock, so the render's goroutines share
// the work; a reused page, the very bytes of the last build, keeps its
// hash.
func (m *memWriter) WriteFile(name string, data []byte) error {
	f := file{data: data}
	old, had := m.prev[name]
	if had && len(old.data) == len(data) && len(data) > 0 && &old.data[0] == &data[0] {
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
	_, rest := m.rest[name]
	_, late := m.after[name]
	if early || rest || late {
		return fmt.Errorf("%s: written twice", name)
	}
	switch {
	case m.after != nil:
		m.after[name] = f
		m.afterSum.add(f)
	case m.rest != nil:
		m.rest[name] = f
		m.restSum.add(f)
	default:
		m.files[name] = f
		m.sum.add(f)
		if had && !m.prevLate[name] {
			m.gone.add(old)
		}
	}
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

func (l *lanes) addLanes(o lanes) {
	for i := range l {
		l[i] += o[i]
	}
}

func (l *lanes) subLanes(o lanes) {
	for i := range l {
		l[i] -= o[i]
	}
}

func (l lanes) String() string {
	var b [32]byte
	for i, v := range l {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return hex.EncodeToString(b[:12])
}

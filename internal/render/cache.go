package render

import (
	"html/template"
	"sync"
	"sync/atomic"
)

// A Cache keeps what one build rendered for the next: Markdown by source,
// pages by what their views read (reads.go) and by the key of their
// templates and view, and fragments by that key (reuse.go). It is safe for
// concurrent use; the zero value is ready. A nil *Cache caches nothing.
//
// Sweep drops what no build used since the Sweep before, so the cache
// does not grow without bound: each entry notes the generation (the
// Sweeps so far) it was last used in.
type Cache struct {
	gen   atomic.Uint64
	safe  entries[string, template.HTML]  // Markdown with raw HTML off
	raw   entries[string, template.HTML]  // Markdown with raw HTML on
	moved entries[mdMoved, template.HTML] // Markdown with an up (see linkPolicy)
	frags entries[key, template.HTML]
	pages entries[string, cachedPage] // by output name
	rows  entries[key, []byte]        // rows of the data files, by the key of their value

	keysOnce sync.Once
	keyer    *keyer // the seeds that the keys kept here were made with

	// Verify has a build also make the view of each page that it writes
	// again unseen (reads.go), and fail when the view's key is not the one
	// kept with the page: the view read a part of the site that it did not
	// ask its reads for. For tests; it costs what the reuse saves.
	Verify bool
	views  atomic.Int64 // the views made by the builds that used the cache
}

// A cachedPage is a page's bytes, the key they were rendered for, and
// what its view read: the identity of its kind's templates, and the parts
// of the site with their versions.
type cachedPage struct {
	key  key
	data []byte
	tmpl key
	read record
}

// keys returns the keyer whose keys this cache keeps, or a new one for a
// nil cache.
func (c *Cache) keys() *keyer {
	if c == nil {
		return newKeyer()
	}
	c.keysOnce.Do(func() { c.keyer = newKeyer() })
	return c.keyer
}

// markdown returns what src rendered to, with raw HTML on or off and up
// before relative addresses.
func (c *Cache) markdown(src string, unsafe bool, up string) (template.HTML, bool) {
	if up != "" {
		return c.moved.get(mdMoved{src, unsafe, up}, c.gen.Load())
	}
	if unsafe {
		return c.raw.get(src, c.gen.Load())
	}
	return c.safe.get(src, c.gen.Load())
}

func (c *Cache) putMarkdown(src string, unsafe bool, up string, h template.HTML) {
	if up != "" {
		c.moved.put(mdMoved{src, unsafe, up}, h, c.gen.Load())
		return
	}
	if unsafe {
		c.raw.put(src, h, c.gen.Load())
	} else {
		c.safe.put(src, h, c.gen.Load())
	}
}

// fragment returns the fragment rendered for k by an earlier build.
func (c *Cache) fragment(k key) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	return c.frags.get(k, c.gen.Load())
}

func (c *Cache) putFragment(k key, h template.HTML) {
	if c == nil {
		return
	}
	c.frags.put(k, h, c.gen.Load())
}

// row returns the bytes that an earlier build encoded for the row whose
// key is k.
func (c *Cache) row(k key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	return c.rows.get(k, c.gen.Load())
}

// putRow keeps data, which no one changes afterwards, as the row for k.
func (c *Cache) putRow(k key, data []byte) {
	if c == nil {
		return
	}
	c.rows.put(k, data, c.gen.Load())
}

// page returns the bytes of the page name when an earlier build rendered
// it for the same key.
func (c *Cache) page(name string, k key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	p, ok := c.pages.get(name, c.gen.Load())
	if !ok || p.key != k {
		return nil, false
	}
	return p.data, true
}

// unread returns the page name when an earlier build rendered it with
// the templates tmpl from parts of the site that are unchanged, as same
// tells.
func (c *Cache) unread(name string, tmpl key, same func(record) bool) (cachedPage, bool) {
	if c == nil {
		return cachedPage{}, false
	}
	p, ok := c.pages.get(name, c.gen.Load())
	if !ok || p.tmpl != tmpl || !same(p.read) {
		return cachedPage{}, false
	}
	return p, true
}

// madeView counts a view made by a build that uses c.
func (c *Cache) madeView() {
	if c != nil {
		c.views.Add(1)
	}
}

// putPage keeps p, whose data no one changes afterwards, as the page name.
func (c *Cache) putPage(name string, p cachedPage) {
	if c == nil {
		return
	}
	c.pages.put(name, p, c.gen.Load())
}

// Sweep forgets the entries not used since the last Sweep: those of
// deleted sprints and of text that is no longer anywhere.
func (c *Cache) Sweep() {
	if c == nil {
		return
	}
	gen := c.gen.Load()
	c.safe.sweep(gen)
	c.raw.sweep(gen)
	c.moved.sweep(gen)
	c.frags.sweep(gen)
	c.pages.sweep(gen)
	c.rows.sweep(gen)
	c.gen.Add(1)
}

// entries is a map read far more often than written, from many
// goroutines; each entry notes the generation it was last used in.
type entries[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]*entry[V]
}

type entry[V any] struct {
	v    V
	used atomic.Uint64
}

func (e *entries[K, V]) get(k K, gen uint64) (V, bool) {
	e.mu.RLock()
	en, ok := e.m[k]
	e.mu.RUnlock()
	if !ok {
		var zero V
		return zero, false
	}
	if en.used.Load() != gen {
		en.used.Store(gen)
	}
	return en.v, true
}

func (e *entries[K, V]) put(k K, v V, gen uint64) {
	en := &entry[V]{v: v}
	en.used.Store(gen)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.m == nil {
		e.m = map[K]*entry[V]{}
	}
	e.m[k] = en
}

// sweep drops the entries not used in generation gen.
func (e *entries[K, V]) sweep(gen uint64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for k, en := range e.m {
		if en.used.Load() != gen {
			delete(e.m, k)
		}
	}
}

// mdMoved is what Markdown rendered with an up is cached under.
type mdMoved struct {
	src    string
	unsafe bool
	up     string
}

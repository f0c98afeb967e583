package render

import (
	"html/template"
	"sync"
)

// A Cache keeps what one build rendered for the next: Markdown by source,
// and pages and fragments by the key of their templates and view (see
// reuse.go). It is safe for concurrent use; the zero value is ready. A nil
// *Cache caches nothing.
type Cache struct {
	mu    sync.Mutex
	safe  map[string]template.HTML // Markdown with raw HTML off
	raw   map[string]template.HTML // Markdown with raw HTML on
	frags map[key]template.HTML    // by key
	pages map[string]cachedPage    // by output name

	// The keys and names used since the last Sweep; the rest are dropped
	// by Sweep so the cache does not grow without bound.
	usedMD, usedPages map[string]bool
	usedFrags         map[key]bool

	keysOnce sync.Once
	keyer    *keyer // the seeds that the keys kept here were made with
}

// A cachedPage is a page's bytes and the key they were rendered for.
type cachedPage struct {
	key  key
	data []byte
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

// use marks k as used in *m; c.mu is held.
func use[K comparable](m *map[K]bool, k K) {
	if *m == nil {
		*m = map[K]bool{}
	}
	(*m)[k] = true
}

// fragment returns the fragment rendered for key by an earlier build.
func (c *Cache) fragment(k key) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	use(&c.usedFrags, k)
	h, ok := c.frags[k]
	return h, ok
}

func (c *Cache) putFragment(k key, h template.HTML) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frags == nil {
		c.frags = map[key]template.HTML{}
	}
	c.frags[k] = h
}

// page returns the bytes of the page name when an earlier build rendered
// it for the same key.
func (c *Cache) page(name string, k key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	use(&c.usedPages, name)
	p, ok := c.pages[name]
	if !ok || p.key != k {
		return nil, false
	}
	return p.data, true
}

// putPage keeps data, which no one changes afterwards, as the page name
// rendered for key.
func (c *Cache) putPage(name string, k key, data []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]cachedPage{}
	}
	c.pages[name] = cachedPage{k, data}
}

// Sweep forgets the entries not used since the last Sweep: those of
// deleted sprints and of text that is no longer anywhere.
func (c *Cache) Sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	sweep(c.safe, c.usedMD)
	sweep(c.raw, c.usedMD)
	sweep(c.frags, c.usedFrags)
	sweep(c.pages, c.usedPages)
	c.usedMD, c.usedFrags, c.usedPages = nil, nil, nil
}

func sweep[K comparable, V any](m map[K]V, used map[K]bool) {
	for k := range m {
		if !used[k] {
			delete(m, k)
		}
	}
}

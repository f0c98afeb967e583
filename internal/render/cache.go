package render

import (
	"html/template"
	"sync"
)

// A Cache keeps what one build rendered for the next: Markdown by source,
// and the fragments and pages of the default templates by a key that
// names everything they show (see reuse.go). It is safe for concurrent
// use; the zero value is ready. A nil *Cache caches nothing.
type Cache struct {
	mu    sync.Mutex
	safe  map[string]template.HTML // Markdown with raw HTML off
	raw   map[string]template.HTML // Markdown with raw HTML on
	frags map[string]template.HTML // by fragment key
	pages map[string]cachedPage    // by output name

	// The keys and names used since the last Sweep; the rest are dropped
	// by Sweep so the cache does not grow without bound.
	usedMD, usedFrags, usedPages map[string]bool
}

// A cachedPage is a page's bytes and the key they were rendered for.
type cachedPage struct {
	key  string
	data []byte
}

// use marks key as used in *m; c.mu is held.
func (c *Cache) use(m *map[string]bool, key string) {
	if *m == nil {
		*m = map[string]bool{}
	}
	(*m)[key] = true
}

// fragment returns the fragment rendered for key by an earlier build.
func (c *Cache) fragment(key string) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.use(&c.usedFrags, key)
	h, ok := c.frags[key]
	return h, ok
}

func (c *Cache) putFragment(key string, h template.HTML) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frags == nil {
		c.frags = map[string]template.HTML{}
	}
	c.frags[key] = h
}

// page returns the bytes of the page name when an earlier build rendered
// it for the same key.
func (c *Cache) page(name, key string) ([]byte, bool) {
	if c == nil || key == "" {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.use(&c.usedPages, name)
	p, ok := c.pages[name]
	if !ok || p.key != key {
		return nil, false
	}
	return p.data, true
}

// putPage keeps data, which no one changes afterwards, as the page name
// rendered for key.
func (c *Cache) putPage(name, key string, data []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]cachedPage{}
	}
	c.pages[name] = cachedPage{key, data}
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

func sweep[V any](m map[string]V, used map[string]bool) {
	for k := range m {
		if !used[k] {
			delete(m, k)
		}
	}
}

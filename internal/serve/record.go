package serve

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	gohash "hash"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/sprintkit/sprintkit/internal/edit"
	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// Recording from the page. Pages opened on the machine that runs the
// server write a sprint's outcome and move an action's or a change's state
// by posting to editPath:
//
//	{"path": "sprints/<id>/sprint.toml", "hash": "<hex SHA-256 of the bytes the page was built from>",
//	 "set": {"result.verdict": "supported", "result.learned": "…"}}
//
// keys spelt as "sprintkit set" spells them, through the same engine
// (internal/edit), with the same checks. The answer is JSON: 200 with the
// file's new hash and an undo token, 409 with the file's current hash when
// it changed since the page was built, 4xx with the problems otherwise.
// {"path", "hash": <the hash the write gave>, "undo": <its token>} puts the
// old bytes back, once, while this server runs. The watcher sees the write
// and the site is built again, as for any save.
//
// Which bytes a page was built from: the server hashes each sprint plan
// and study as the build reads it (hashFS), and keeps the hashes of each
// good build with it, beside the site it loaded.

// editPath is where pages post edits, relative to the site root.
const editPath = layout.Edit

// maxEditBody is the most an edit may take: a lesson of a few
// paragraphs fits many times over.
const maxEditBody = 64 << 10

// maxUndos is how many writes can be undone at once; older ones are
// forgotten.
const maxUndos = 1000

// An editRequest is what a page posts.
type editRequest struct {
	Path string          `json:"path"`
	Hash string          `json:"hash"`
	Set  json.RawMessage `json:"set"`
	Undo string          `json:"undo"`
}

// An undo is what a write replaced, kept for the page that wrote it.
type undo struct {
	path string
	old  []byte
	hash string // of the bytes written
}

// undos holds the writes that can still be undone, by token.
type undos struct {
	mu    sync.Mutex
	m     map[string]undo
	order []string
}

func (u *undos) add(x undo) string {
	var b [16]byte
	rand.Read(b[:])
	tok := hex.EncodeToString(b[:])
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.m == nil {
		u.m = map[string]undo{}
	}
	u.m[tok] = x
	u.order = append(u.order, tok)
	for len(u.order) > maxUndos {
		delete(u.m, u.order[0])
		u.order = u.order[1:]
	}
	return tok
}

// take returns the undo of tok for path and forgets it.
func (u *undos) take(tok, path string) (undo, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	x, ok := u.m[tok]
	if !ok || x.path != path {
		return undo{}, false
	}
	delete(u.m, tok)
	return x, true
}

// put gives back an undo that could not be used, so that it may be tried again.
func (u *undos) put(tok string, x undo) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.m[tok] = x
}

// An editAnswer is what the endpoint answers, as JSON.
type editAnswer struct {
	Hash     string   `json:"hash,omitempty"`
	Undo     string   `json:"undo,omitempty"`
	Problems []string `json:"problems,omitempty"`
}

func answer(w http.ResponseWriter, code int, a editAnswer) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(a)
}

// postEdit writes an edit that a page posted (see above).
func (s *Server) postEdit(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, "recording") {
		return
	}
	if s.folder == nil {
		answer(w, http.StatusNotFound, editAnswer{Problems: []string{"this server records nothing: it serves no site folder"}})
		return
	}
	var req editRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxEditBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(&req)
	if err == nil && dec.More() {
		err = errors.New("more than one edit")
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		answer(w, http.StatusRequestEntityTooLarge, editAnswer{Problems: []string{fmt.Sprintf("an edit takes at most %d bytes", maxEditBody)}})
		return
	case err != nil:
		answer(w, http.StatusBadRequest, editAnswer{Problems: []string{"not an edit: " + err.Error()}})
		return
	case req.Path == "" || req.Hash == "":
		answer(w, http.StatusBadRequest, editAnswer{Problems: []string{"an edit names the file (path) and the hash of the bytes the page was built from (hash)"}})
		return
	}
	if req.Undo != "" {
		if len(req.Set) > 0 {
			answer(w, http.StatusBadRequest, editAnswer{Problems: []string{"an undo sets nothing"}})
			return
		}
		s.undoEdit(w, req)
		return
	}
	sets, err := orderedSets(req.Set)
	if err != nil {
		answer(w, http.StatusBadRequest, editAnswer{Problems: []string{err.Error()}})
		return
	}
	res, err := s.folder.Edit(req.Path, req.Hash, sets, s.day(), false)
	if err != nil {
		s.refuse(w, err)
		return
	}
	tok := s.undos.add(undo{path: req.Path, old: res.Old, hash: edit.Hash(res.New)})
	fmt.Fprintf(s.stdout, "%s: recorded from a page: %s\n", site.ShowPath(req.Path), describeSets(res.Sets))
	answer(w, http.StatusOK, editAnswer{Hash: edit.Hash(res.New), Undo: tok})
}

// undoEdit puts back the bytes that a write of this server replaced.
func (s *Server) undoEdit(w http.ResponseWriter, req editRequest) {
	x, ok := s.undos.take(req.Undo, req.Path)
	if !ok {
		answer(w, http.StatusGone, editAnswer{Problems: []string{"that write cannot be undone: it was undone already, or the server started again since"}})
		return
	}
	if req.Hash != x.hash {
		s.undos.put(req.Undo, x)
		answer(w, http.StatusBadRequest, editAnswer{Problems: []string{"the hash is not the one the write gave"}})
		return
	}
	if err := s.folder.Restore(req.Path, x.hash, x.old); err != nil {
		s.refuse(w, err)
		return
	}
	fmt.Fprintf(s.stdout, "%s: a page undid its last write\n", site.ShowPath(req.Path))
	answer(w, http.StatusOK, editAnswer{Hash: edit.Hash(x.old)})
}

// refuse answers an edit that was not written: 409 with the current hash
// when the file changed since, 422 with the problems of a value, 404 for
// no such file, 403 for a file that is not the site's to edit.
func (s *Server) refuse(w http.ResponseWriter, err error) {
	var conflict *edit.Conflict
	var probs site.Problems
	switch {
	case errors.As(err, &conflict):
		answer(w, http.StatusConflict, editAnswer{Hash: conflict.Hash, Problems: []string{err.Error()}})
	case errors.As(err, &probs):
		var lines []string
		for _, p := range probs {
			lines = append(lines, p.Error())
		}
		answer(w, http.StatusUnprocessableEntity, editAnswer{Problems: lines})
	case errors.Is(err, fs.ErrNotExist):
		answer(w, http.StatusNotFound, editAnswer{Problems: []string{err.Error()}})
	default:
		answer(w, http.StatusForbidden, editAnswer{Problems: []string{err.Error()}})
	}
}

// orderedSets reads the set object in the order it was written: text,
// numbers and true or false, as "sprintkit set" takes them.
func orderedSets(raw json.RawMessage) ([]edit.Set, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, errors.New("an edit sets at least one key (set)")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("set must be an object of keys and values")
	}
	var sets []edit.Set
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := t.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		var text string
		switch v := v.(type) {
		case string:
			text = v
		case json.Number:
			text = v.String()
		case bool:
			text = fmt.Sprint(v)
		case nil:
		default:
			return nil, fmt.Errorf("%s: a value is text, a number, true or false", key)
		}
		if seen[key] {
			return nil, fmt.Errorf("%s: set twice", key)
		}
		seen[key] = true
		sets = append(sets, edit.Set{Key: key, Value: text})
	}
	if len(sets) == 0 {
		return nil, errors.New("an edit sets at least one key (set)")
	}
	return sets, nil
}

func describeSets(sets []edit.Set) string {
	var keys []string
	for _, s := range sets {
		keys = append(keys, s.Key)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// hashFS records the hash of each sprint plan and study that a build
// reads whole, for the pages to say which bytes they were built from.
type hashFS struct {
	fs.FS
	sums *sums
}

// sums are the files' hashes as builds read them, by path. A snapshot
// is shared, not copied: the map is copied when a hash is set after it
// (a save of notes sets none, and a year's site has thousands of plans).
type sums struct {
	mu     sync.Mutex
	m      map[string]string
	shared bool // m was handed out by snapshot: set copies it first
}

func (h *sums) set(name, sum string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if old, ok := h.m[name]; ok && old == sum {
		return // the map a snapshot holds stays shared
	}
	if h.m == nil || h.shared {
		h.m, h.shared = maps.Clone(h.m), false
		if h.m == nil {
			h.m = map[string]string{}
		}
	}
	h.m[name] = sum
}

// snapshot is the hashes as they are now, for a build's state to keep;
// no one writes to the map it returns.
func (h *sums) snapshot() map[string]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.shared = true
	return h.m
}

func (h hashFS) Open(name string) (fs.File, error) {
	f, err := h.FS.Open(name)
	if err != nil || edit.Editable(name) != nil {
		return f, err
	}
	return &hashFile{File: f, name: name, sums: h.sums, h: sha256.New()}, nil
}

func (h hashFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(h.FS, name) }
func (h hashFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(h.FS, name) }
func (h hashFS) ReadLink(name string) (string, error)       { return fs.ReadLink(h.FS, name) }
func (h hashFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(h.FS, name) }

// A hashFile hashes what is read of it, and records the hash once it was
// read to its end.
type hashFile struct {
	fs.File
	name string
	sums *sums
	h    gohash.Hash
	done bool
}

func (f *hashFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.h.Write(p[:n])
	if err == io.EOF && !f.done {
		f.done = true
		f.sums.set(f.name, hex.EncodeToString(f.h.Sum(nil)))
	}
	return n, err
}

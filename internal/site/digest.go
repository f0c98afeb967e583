package site

import "hash/maphash"

// A Digest identifies a text a sprint or a study was read from: two texts
// with the same digest are, but for a chance of one in 2^128, the same
// text. It holds for the life of the program, which is what a renderer
// needs to tell, between builds, whether a page read anything that
// changed (internal/render's reads.go).
type Digest [2]uint64

var digestSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// digestOf is the digest of the texts, taken in order, each with its
// length, so that ("ab", "c") and ("a", "bc") differ.
func digestOf(texts ...string) Digest {
	var h [2]maphash.Hash
	var n [8]byte
	for i := range h {
		h[i].SetSeed(digestSeeds[i])
		for _, t := range texts {
			l := uint64(len(t))
			for j := range n {
				n[j] = byte(l >> (8 * j))
			}
			h[i].Write(n[:])
			h[i].WriteString(t)
		}
	}
	return Digest{h[0].Sum64(), h[1].Sum64()}
}

// Sources are the digests of what a sprint was read from.
type Sources struct {
	Plan  Digest // sprint.toml
	Notes Digest // notes.md, or no text
}

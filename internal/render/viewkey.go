package render

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"reflect"
	"sync"
)

// A key identifies what a page or fragment was rendered from: its
// templates and its view. Two renderings with the same key give the same
// bytes, because a template sees nothing but its view and the site's
// interface text (which is part of the templates' identity).
//
// A key is 128 bits of maphash over an encoding of the view in which
// every string and list carries its length, so that two different views
// encode differently; a wrong reuse would take two such encodings whose
// hashes agree in all 128 bits.
type key [2]uint64

// A keyer makes keys. Its seeds live as long as the Cache that keeps
// what was rendered under them.
type keyer struct {
	seeds [2]maphash.Seed
	bufs  sync.Pool
}

func newKeyer() *keyer {
	return &keyer{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
}

// of returns the key of the view v drawn by the templates whose identity
// is id.
func (k *keyer) of(id key, v any) (key, error) {
	bp, _ := k.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	b := binary.LittleEndian.AppendUint64((*bp)[:0], id[0])
	b = binary.LittleEndian.AppendUint64(b, id[1])
	rv := reflect.ValueOf(v)
	if rv.IsValid() {
		b = append(b, rv.Type().String()...)
	}
	b = append(b, 0)
	b, err := encodeView(b, rv)
	out := key{maphash.Bytes(k.seeds[0], b), maphash.Bytes(k.seeds[1], b)}
	*bp = b
	k.bufs.Put(bp)
	return out, err
}

// text returns the key of a list of strings, such as template sources.
func (k *keyer) text(parts ...string) key {
	var b []byte
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return key{maphash.Bytes(k.seeds[0], b), maphash.Bytes(k.seeds[1], b)}
}

// encodeView appends an encoding of v to b. Views are made of strings,
// numbers, booleans, structs, slices and pointers; anything else is an
// error, so that a view cannot hold what its key would not see.
func encodeView(b []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.String:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		return append(b, v.String()...), nil
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1), nil
		}
		return append(b, 0), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return binary.AppendUvarint(b, v.Uint()), nil
	case reflect.Struct:
		var err error
		for i := range v.NumField() {
			if b, err = encodeView(b, v.Field(i)); err != nil {
				return b, err
			}
		}
		return b, nil
	case reflect.Slice, reflect.Array:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		var err error
		for i := range v.Len() {
			if b, err = encodeView(b, v.Index(i)); err != nil {
				return b, err
			}
		}
		return b, nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0), nil
		}
		return encodeView(append(b, 1), v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return append(b, 0), nil
		}
		b = append(b, 1)
		b = append(b, v.Elem().Type().String()...)
		return encodeView(append(b, 0), v.Elem())
	}
	return b, fmt.Errorf("a view may not hold a %s", v.Type())
}

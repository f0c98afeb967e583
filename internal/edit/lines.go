package edit

import (
	"regexp"
	"strings"
)

// Adding and removing lines: a key that was missing, a table that was
// missing (each in place of one put out of use with a #, where there is
// one), and a key taken out of an inline table.

// removeField removes a key from the inline table that holds it, with
// the comma that parts it from the others.
func (d *doc) removeField(f *entry) string {
	// Find the inline table: the value whose fields hold f.
	var holder *value
	var walk func(v *value)
	walk = func(v *value) {
		for _, x := range v.fields {
			if x == f {
				holder = v
			}
			walk(x.val)
		}
		for _, x := range v.elems {
			walk(x)
		}
	}
	for _, t := range d.tables {
		for _, e := range t.entries {
			walk(e.val)
		}
	}
	if holder == nil {
		return d.src
	}
	for k, x := range holder.fields {
		if x != f {
			continue
		}
		switch {
		case len(holder.fields) == 1:
			return d.src[:holder.start] + "{}" + d.src[holder.end:]
		case k == 0:
			return d.src[:f.line.start] + d.src[holder.fields[1].line.start:]
		default:
			prev := holder.fields[k-1].val.end
			return d.src[:prev] + d.src[f.val.end:]
		}
	}
	return d.src
}

// newline is the line end the text uses: CRLF when its first line ends so.
func (d *doc) newline() string {
	if i := strings.IndexByte(d.src, '\n'); i > 0 && d.src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// region is where table t's lines are: from its header (the top of the
// text for the root) to the next header.
func (d *doc) region(t *table) span {
	r := span{t.header.start, len(d.src)}
	if t.name == "" {
		r.start = 0
	}
	for k, x := range d.tables {
		if x == t && k+1 < len(d.tables) {
			r.end = d.tables[k+1].header.start
		}
	}
	return r
}

// commented finds, within r, a line that is key = … put out of use with a
// #, as the files that sprintkit new writes hold them: the span of the
// line without its line end.
func (d *doc) commented(r span, pattern string) (span, bool) {
	re := regexp.MustCompile(`(?m)^[ \t]*#[ \t]*` + pattern + `[^\r\n]*`)
	loc := re.FindStringIndex(d.src[r.start:r.end])
	if loc == nil {
		return span{}, false
	}
	return span{r.start + loc[0], r.start + loc[1]}, true
}

// insertKey adds key = val to table t: in place of a line that holds the
// key put out of use (# key = …), else after the table's last key.
func (d *doc) insertKey(t *table, key, val, nl string) string {
	line := quoteKey(key) + " = " + val
	if c, ok := d.commented(d.region(t), regexp.QuoteMeta(quoteKey(key))+`[ \t]*=`); ok && c.start >= t.header.end {
		return d.src[:c.start] + line + d.src[c.end:]
	}
	at := t.last
	if t.name == "" && len(t.entries) == 0 {
		// A root with no keys: at the top, below the comments that head
		// the file.
		at = d.head()
	}
	pre := ""
	if at > 0 && d.src[at-1] != '\n' {
		pre = nl
	}
	return d.src[:at] + pre + line + nl + d.src[at:]
}

// head is where the first line that is not a comment starts.
func (d *doc) head() int {
	i := 0
	if strings.HasPrefix(d.src, "\ufeff") {
		i = len("\ufeff")
	}
	for i < len(d.src) {
		rest := strings.TrimLeft(d.src[i:], " \t")
		if !strings.HasPrefix(rest, "#") {
			return i
		}
		j := strings.IndexByte(d.src[i:], '\n')
		if j < 0 {
			return len(d.src)
		}
		i += j + 1
	}
	return i
}

// insertTable adds the table name with key = val: in place of a header
// put out of use (# [name]), its key too where it is put out of use in
// the lines below; else after the last key of the last table that is not
// an array of tables, with a blank line before it.
func (d *doc) insertTable(name, key, val, nl string) string {
	line := quoteKey(key) + " = " + val
	whole := span{0, len(d.src)}
	if h, ok := d.commented(whole, `\[`+regexp.QuoteMeta(name)+`\][ \t]*$`); ok {
		// The commented lines that follow the header are its keys.
		end := h.end
		for end < len(d.src) {
			j := strings.IndexByte(d.src[end:], '\n')
			if j < 0 {
				end = len(d.src)
				break
			}
			next := end + j + 1
			rest := strings.TrimLeft(d.src[next:], " \t")
			if !strings.HasPrefix(rest, "#") {
				end = next
				break
			}
			end = next
		}
		header := "[" + name + "]"
		src := d.src[:h.start] + header + d.src[h.end:]
		shift := len(header) - (h.end - h.start)
		block := span{h.start + len(header), end + shift}
		dd := &doc{src: src}
		if c, ok := dd.commented(block, regexp.QuoteMeta(quoteKey(key))+`[ \t]*=`); ok {
			return src[:c.start] + line + src[c.end:]
		}
		at := h.start + len(header)
		for at < len(src) && src[at] != '\n' {
			at++
		}
		if at < len(src) {
			at++
		}
		return src[:at] + line + nl + src[at:]
	}
	at := -1
	for _, t := range d.tables {
		if t.name != "" && !t.array && !strings.Contains(t.name, "[") {
			at = t.last
		}
	}
	if at < 0 {
		at = len(d.src)
	}
	pre := nl
	if at > 0 && d.src[at-1] != '\n' {
		pre = nl + nl
	}
	if at == 0 {
		pre = ""
	}
	return d.src[:at] + pre + "[" + name + "]" + nl + line + nl + d.src[at:]
}

package render

import (
	"bytes"
	"strings"
)

// actions.csv is every action of the site, one a row, in the actions
// page's order (site.Site.Actions), with the page's columns: the action,
// its sprint (the title; then the sprint's address when the site has a
// base_url; then the sprint's status, so that planned sprints' actions
// are marked), team, owner, due date, energy and state. The header row and
// the values of enums are the site's interface text, in its language.
//
// It is made to open by a double click in Excel and in LibreOffice:
//
//   - UTF-8 with a byte-order mark: without one, Excel reads the file in
//     the computer's legacy code page and "Åtgärd" comes out as "Ã…tgÃ¤rd";
//     LibreOffice reads the mark too.
//   - The separator is the one Excel takes from the computer's regional
//     settings for the site's language: a semicolon for Swedish, where the
//     comma is the decimal mark and so Windows' list separator is ";", and
//     a comma for English. A "sep=" first line would name it for Excel
//     alone, but then Excel ignores the byte-order mark, and LibreOffice
//     shows the line as data.
//   - Dates as ISO 8601, 2026-11-24: the short date of the Swedish locale,
//     and read as a date by Excel and LibreOffice in English ones too,
//     where 11/24/2026 or 24/11/2026 would be read one way or the other.
//   - Fields quoted as RFC 4180 says, quotes doubled, lines ending in
//     CRLF. A field is quoted when it holds a quote, a line break or any
//     of the separators an importer offers, Tab, comma and semicolon, not
//     only the file's own: LibreOffice's import dialog opens with all
//     three ticked, and the file must read the same whichever are.
//   - A field that begins with =, +, -, @, a tab or a carriage return gets a
//     leading apostrophe, so that a spreadsheet shows it as text instead of
//     running it as a formula (OWASP's advice against CSV injection).
func (r *renderer) actionsCSV() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	sep := byte(',')
	if r.site.Settings.Language == "sv" {
		sep = ';'
	}
	base := r.site.Settings.BaseURL != ""
	t := r.text.get
	header := []string{t("actions.action"), t("actions.sprint")}
	if base {
		header = append(header, t("data.address"))
	}
	header = append(header, t("data.sprintStatus"), t("actions.team"), t("card.owner"), t("card.due"), t("actions.energy"), t("actions.state"))
	writeCSVRow(&buf, sep, header)
	for _, sp := range r.actions() {
		row := []string{sp.Action.Do, sp.Title}
		if base {
			row = append(row, r.sprintURL(sp))
		}
		row = append(row,
			t("status."+sp.Status),
			sp.Action.Team,
			sp.Action.Owner,
			isoDate(sp.Action.Due),
			t("effort."+sp.Action.Energy),
			t("state."+sp.ActionState(r.today)),
		)
		writeCSVRow(&buf, sep, row)
	}
	return buf.Bytes(), nil
}

// csvQuoted is what makes a field quoted: a quote, a line break, any
// separator an importer may tick, and a leading space, which some
// importers trim.
const csvQuoted = "\"\r\n\t,;"

// writeCSVRow writes row as one line of actions.csv, each field made safe
// by cells and quoted when it holds any of csvQuoted; a line break inside
// a quoted field is written as CRLF, as the lines end.
func writeCSVRow(buf *bytes.Buffer, sep byte, row []string) {
	for i, f := range cells(row) {
		if i > 0 {
			buf.WriteByte(sep)
		}
		if !strings.ContainsAny(f, csvQuoted) && !strings.HasPrefix(f, " ") {
			buf.WriteString(f)
			continue
		}
		f = strings.ReplaceAll(f, "\r\n", "\n")
		f = strings.ReplaceAll(f, "\r", "\n")
		f = strings.ReplaceAll(f, "\n", "\r\n")
		buf.WriteByte('"')
		buf.WriteString(strings.ReplaceAll(f, `"`, `""`))
		buf.WriteByte('"')
	}
	buf.WriteString("\r\n")
}

// cells makes each field of row safe to open in a spreadsheet: one that a
// spreadsheet would read as a formula gets a leading apostrophe.
func cells(row []string) []string {
	for i, f := range row {
		if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
			row[i] = "'" + f
		}
	}
	return row
}

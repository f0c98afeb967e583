package sitecheck

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// LibreOffice's CSV import settings, as its filter options string: the
// separators' character codes (several joined by /), the text delimiter
// (34, "), the character set (76, UTF-8), the first line (1), the column
// formats (none: each column as Standard), the language (1053 sv-SE, 1033
// en-US), "quoted field as text" and "detect special numbers" (both off,
// as the dialog opens).
var csvImports = []struct {
	name    string
	options string
	lang    string // the sites it reads: "" for all
}{
	{"swedish", "59,34,76,1,,1053,false,false", "sv"},
	{"english", "44,34,76,1,,1033,false,false", "en"},
	// The dialog opens with Tab, comma and semicolon all ticked: pressing
	// OK must split the columns as the file's own separator does.
	{"all-ticked-sv", "9/44/59,34,76,1,,1053,false,false", ""},
	{"all-ticked-en", "9/44/59,34,76,1,,1033,false,false", ""},
}

// TestCSVInLibreOffice opens each site's actions.csv in LibreOffice Calc,
// headless, with the Swedish and the English import settings and with
// every separator ticked, saves it as .xlsx and reads the sheet back: each
// action is one row, each field in its own column as written (the
// Swedish letters too), the due dates are dates, and no cell is a formula.
func TestCSVInLibreOffice(t *testing.T) {
	soffice := program(t, "soffice", "libreoffice-calc-nogui")
	sites := clientSites(t)
	work := t.TempDir()
	// A profile of its own, so that no other LibreOffice's lock or
	// settings get in the way.
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(work, "profile"))
	for _, imp := range csvImports {
		t.Run(imp.name, func(t *testing.T) {
			in, out := filepath.Join(work, imp.name, "in"), filepath.Join(work, imp.name, "out")
			if err := os.MkdirAll(in, 0o755); err != nil {
				t.Fatal(err)
			}
			args := []string{profile, "--headless", "--norestore", "--convert-to", "xlsx", "--infilter=CSV:" + imp.options, "--outdir", out}
			var read []clientSite
			for _, s := range sites {
				if imp.lang != "" && s.lang != imp.lang {
					continue
				}
				b, err := os.ReadFile(filepath.Join(s.dir, "actions.csv"))
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(in, s.name+".csv")
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, p)
				read = append(read, s)
			}
			run(t, 3*time.Minute, work, []string{"HOME=" + work}, soffice, args...)
			for _, s := range read {
				checkSheet(t, s, filepath.Join(out, s.name+".xlsx"))
			}
		})
	}
}

// checkSheet compares the sheet LibreOffice made of s's actions.csv with
// the file as its own language's CSV reader reads it.
func checkSheet(t *testing.T, s clientSite, xlsx string) {
	t.Helper()
	want := readCSV(t, s)
	if n := len(s.site.Actions(today)); len(want)-1 != n {
		t.Errorf("%s: actions.csv has %d rows of actions, want one for each of %d", s.name, len(want)-1, n)
	}
	sh, err := readSheet(xlsx)
	if err != nil {
		t.Fatalf("%s: %v", s.name, err)
	}
	if sh.formulas > 0 {
		t.Errorf("%s: %d cells hold a formula; a spreadsheet must run none", s.name, sh.formulas)
	}
	if len(sh.rows) != len(want) {
		t.Errorf("%s: the sheet has %d rows, want %d: one header and one row per action", s.name, len(sh.rows), len(want))
	}
	letters := 0
	for i, row := range want {
		got := sh.rows[i]
		for j, w := range row {
			c := got[j]
			letters += strings.Count(c.text, "å") + strings.Count(c.text, "ä") + strings.Count(c.text, "ö")
			if d, err := time.Parse(time.DateOnly, w); err == nil && i > 0 {
				if !c.date || c.num != excelDay(d) {
					t.Errorf("%s row %d column %d: %q is %+v, want the date %s", s.name, i+1, j+1, w, c, w)
				}
				continue
			}
			if c.number || c.text != w {
				t.Errorf("%s row %d column %d = %+v, want the text %q", s.name, i+1, j+1, c, w)
			}
		}
		for j := range got {
			if j >= len(row) {
				t.Errorf("%s row %d: a cell in column %d, past the file's %d columns: %+v", s.name, i+1, j+1, len(row), got[j])
			}
		}
	}
	if s.lang == "sv" && letters == 0 {
		t.Errorf("%s: no å, ä or ö in the sheet", s.name)
	}
}

// excelDay is a day as a spreadsheet's serial number: days since
// 1899-12-30.
func excelDay(d time.Time) float64 {
	return float64(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

// A cell of a sheet, as the .xlsx holds it: text, or a number, and a
// number shown as a date.
type cell struct {
	text   string
	number bool
	num    float64
	date   bool
}

type sheet struct {
	rows     map[int]map[int]cell // by row and column, from 0
	formulas int
}

// The parts of an .xlsx (Office Open XML, ECMA-376) that readSheet reads.
type (
	xlsxText struct {
		T    string `xml:"t"`
		Runs []struct {
			T string `xml:"t"`
		} `xml:"r"`
	}
	xlsxSheet struct {
		Rows []struct {
			Cells []struct {
				Ref     string   `xml:"r,attr"`
				Style   int      `xml:"s,attr"`
				Type    string   `xml:"t,attr"`
				Value   string   `xml:"v"`
				Formula *string  `xml:"f"`
				Inline  xlsxText `xml:"is"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	xlsxStrings struct {
		Items []xlsxText `xml:"si"`
	}
	xlsxStyles struct {
		Formats []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Cells []struct {
			Format int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
)

func (x xlsxText) String() string {
	s := x.T
	for _, r := range x.Runs {
		s += r.T
	}
	return s
}

// readSheet reads the first sheet of an .xlsx file.
func readSheet(path string) (sheet, error) {
	sh := sheet{rows: map[int]map[int]cell{}}
	z, err := zip.OpenReader(path)
	if err != nil {
		return sh, err
	}
	defer z.Close()
	part := func(name string, v any) error {
		f, err := z.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		return xml.Unmarshal(b, v)
	}
	var ws xlsxSheet
	var sst xlsxStrings
	var st xlsxStyles
	if err := part("xl/worksheets/sheet1.xml", &ws); err != nil {
		return sh, err
	}
	if err := part("xl/sharedStrings.xml", &sst); err != nil {
		return sh, err
	}
	if err := part("xl/styles.xml", &st); err != nil {
		return sh, err
	}
	codes := map[int]string{}
	for _, f := range st.Formats {
		codes[f.ID] = strings.ToLower(f.Code)
	}
	isDate := func(style int) bool {
		if style < 0 || style >= len(st.Cells) {
			return false
		}
		id := st.Cells[style].Format
		return id >= 14 && id <= 22 || strings.Contains(codes[id], "yy")
	}
	for _, r := range ws.Rows {
		for _, c := range r.Cells {
			row, col, err := cellRef(c.Ref)
			if err != nil {
				return sh, err
			}
			if c.Formula != nil {
				sh.formulas++
			}
			var v cell
			switch c.Type {
			case "s":
				i, err := strconv.Atoi(c.Value)
				if err != nil || i < 0 || i >= len(sst.Items) {
					return sh, fmt.Errorf("cell %s: no shared string %q", c.Ref, c.Value)
				}
				v.text = sst.Items[i].String()
			case "inlineStr":
				v.text = c.Inline.String()
			case "str":
				v.text = c.Value
			default: // "n", or none: a number
				if c.Value == "" {
					continue
				}
				v.number = true
				v.num, err = strconv.ParseFloat(c.Value, 64)
				if err != nil {
					return sh, fmt.Errorf("cell %s: %v", c.Ref, err)
				}
				v.date = isDate(c.Style)
				v.text = c.Value
			}
			if sh.rows[row] == nil {
				sh.rows[row] = map[int]cell{}
			}
			sh.rows[row][col] = v
		}
	}
	return sh, nil
}

// cellRef reads a cell's reference, such as "C12", as its row and column
// from 0.
func cellRef(ref string) (row, col int, err error) {
	i := strings.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return 0, 0, fmt.Errorf("cell reference %q", ref)
	}
	for _, r := range ref[:i] {
		col = col*26 + int(r-'A'+1)
	}
	row, err = strconv.Atoi(ref[i:])
	return row - 1, col - 1, err
}

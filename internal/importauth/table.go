package importauth

import (
	"strings"
	"unicode/utf8"
)

// SideBySide renders two value lists as a two-column plain-text table, the way
// the Amplify CLI shows mismatching OAuth properties (header row = the two
// client names, then the values side by side). The shorter list is padded
// with empty cells, so every row has two cells. Values are rendered as given;
// callers sort them first when order carries no meaning.
//
//	acme-web | acme-native
//	---------+------------
//	COGNITO  | COGNITO
//	Google   |
func SideBySide(leftHeader, rightHeader string, left, right []string) string {
	n := max(len(left), len(right))
	rows := make([][]string, 0, n)
	for i := range n {
		rows = append(rows, []string{tableCell(left, i), tableCell(right, i)})
	}
	return RenderTable([]string{leftHeader, rightHeader}, rows)
}

// RenderTable renders a plain-text table: a header row, a rule of dashes, and
// one line per row, columns separated by " | " and padded to the widest cell
// (counted in runes). Rows shorter than the header are padded with empty
// cells; trailing spaces are trimmed from every line. The result ends with a
// newline.
func RenderTable(header []string, rows [][]string) string {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i := range header {
			widths[i] = max(widths[i], utf8.RuneCountInString(tableCell(r, i)))
		}
	}
	var b strings.Builder
	writeRow(&b, header, widths)
	rule := make([]string, len(widths))
	for i, w := range widths {
		rule[i] = strings.Repeat("-", w)
	}
	b.WriteString(strings.Join(rule, "-+-"))
	b.WriteByte('\n')
	for _, r := range rows {
		writeRow(&b, r, widths)
	}
	return b.String()
}

func writeRow(b *strings.Builder, row []string, widths []int) {
	cells := make([]string, len(widths))
	for i, w := range widths {
		c := tableCell(row, i)
		cells[i] = c + strings.Repeat(" ", w-utf8.RuneCountInString(c))
	}
	b.WriteString(strings.TrimRight(strings.Join(cells, " | "), " "))
	b.WriteByte('\n')
}

// tableCell returns values[i], or "" past the end of the list.
func tableCell(values []string, i int) string {
	if i < len(values) {
		return values[i]
	}
	return ""
}

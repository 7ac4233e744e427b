package interview

import (
	"regexp"
	"strings"
)

var listItem = regexp.MustCompile(`^(?:[-*+]|\d+[.)])\s+(.*)$`)

// Questions returns the follow-up questions of a kata's "## Follow-ups" section (heading
// included or not): its list items, each joined into one line, or its paragraphs when it
// has no list. Headings and code blocks are left out.
func Questions(section string) []string {
	var items, paras []string
	inItem, blank, newPara, fence := false, false, true, false
	for _, l := range strings.Split(strings.ReplaceAll(section, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(l)
		indented := t != "" && (l[0] == ' ' || l[0] == '\t')
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		m := listItem.FindStringSubmatch(t)
		switch {
		case fence:
			continue
		case t == "":
			blank, newPara = true, true
			continue
		case strings.HasPrefix(t, "#"):
			inItem = false
			blank, newPara = false, true
			continue
		case m != nil && !indented:
			items = append(items, m[1])
			inItem = true
		case inItem && (indented || !blank):
			items[len(items)-1] += " " + t // a continuation of the item
		default:
			inItem = false
			if newPara {
				paras = append(paras, t)
			} else {
				paras[len(paras)-1] += " " + t
			}
		}
		blank, newPara = false, false
	}
	if len(items) > 0 {
		return items
	}
	return paras
}

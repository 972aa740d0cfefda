package graphql

import (
	"regexp"
	"strings"
	"sync"
)

// Plural pluralises a model name as the Amplify transformer and codegen do:
// both call the npm "pluralize" package (graphql-transformer-common
// util.ts plurality, with improvePluralization). This is the part of
// pluralize 8 that model names meet: irregular words, uncountable words,
// then its suffix rules, the replaced suffix taking the case of the suffix
// it replaces, so "SSN" becomes "SSNS" and "Todo" "Todos".
func Plural(name string) string {
	lower := strings.ToLower(name)
	if p, ok := irregular[lower]; ok {
		return restoreCase(name, p)
	}
	for _, u := range uncountable {
		if strings.HasSuffix(lower, u) {
			return name
		}
	}
	for _, r := range pluralRules() {
		if loc := r.re.FindStringSubmatchIndex(name); loc != nil {
			match := name[loc[0]:loc[1]]
			repl := string(r.re.ExpandString(nil, r.repl, name, loc))
			if match == "" {
				// pluralize restores the case of an empty match from the
				// letter before it.
				return name + restoreCase(name[len(name)-1:], repl)
			}
			return name[:loc[0]] + restoreCase(match, repl)
		}
	}
	return name + "s"
}

// restoreCase is pluralize's restoreCase: the replacement takes the case of
// the text it replaces.
func restoreCase(word, token string) string {
	switch {
	case word == token:
		return token
	case word == strings.ToLower(word):
		return strings.ToLower(token)
	case word == strings.ToUpper(word):
		return strings.ToUpper(token)
	case word[:1] == strings.ToUpper(word[:1]):
		return strings.ToUpper(token[:1]) + strings.ToLower(token[1:])
	}
	return strings.ToLower(token)
}

var irregular = map[string]string{
	"person": "people", "man": "men", "woman": "women", "child": "children", "tooth": "teeth",
	"foot": "feet", "goose": "geese", "mouse": "mice", "ox": "oxen", "die": "dice", "quiz": "quizzes",
}

// uncountable words (and suffixes) stay as they are, as in pluralize.
var uncountable = []string{
	"sheep", "fish", "deer", "series", "species", "news", "equipment", "information",
	"rice", "money", "police", "measles", "moose", "aircraft", "software", "metadata",
}

// pluralRules are pluralize's plural rules that apply to model names, most
// specific first (pluralize checks its list from the end; the order here is
// that order). They are compiled on first use, not at start-up: every
// ampgo command would otherwise pay ~4 ms for them (issue 16, first paint).
var pluralRules = sync.OnceValue(func() []pluralRule {
	return []pluralRule{
		{regexp.MustCompile(`(?i)(child)(?:ren)?$`), "${1}ren"},
		{regexp.MustCompile(`(?i)(pe)(?:rson|ople)$`), "${1}ople"},
		{regexp.MustCompile(`(?i)(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$`), "${1}ices"},
		{regexp.MustCompile(`(?i)(x|ch|ss|sh|zz)$`), "${1}es"},
		{regexp.MustCompile(`(?i)([^ch][ieo][ln])ey$`), "${1}ies"},
		{regexp.MustCompile(`(?i)([^aeiouy]|qu)y$`), "${1}ies"},
		{regexp.MustCompile(`(?i)(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$`), "${1}${2}ves"},
		{regexp.MustCompile(`(?i)sis$`), "ses"},
		{regexp.MustCompile(`(?i)(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|quor)(?:a|um)$`), "${1}a"},
		{regexp.MustCompile(`(?i)(her|at|gr)o$`), "${1}oes"},
		{regexp.MustCompile(`(?i)(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$`), "${1}i"},
		{regexp.MustCompile(`(?i)([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$`), "${1}"},
		{regexp.MustCompile(`(?i)(e[mn]u)s?$`), "${1}s"},
		{regexp.MustCompile(`(?i)(alias|[^aou]us|t[lm]as|gas|ris)$`), "${1}es"},
		{regexp.MustCompile(`(?i)(ax|test)is$`), "${1}es"},
		{regexp.MustCompile(`(?i)s?$`), "s"},
	}
})

type pluralRule struct {
	re   *regexp.Regexp
	repl string
}

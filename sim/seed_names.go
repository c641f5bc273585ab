package sim

import (
	"strconv"
	"strings"
)

// The demo's names: people, organizations and how an organization's name
// is shown.

// person is a name as shown and as it appears in an email address.
type person struct{ shown, ascii string }

var firstNames = []person{
	{"Ana", "ana"}, {"Zoë", "zoe"}, {"José", "jose"}, {"Łukasz", "lukasz"}, {"Søren", "soren"}, {"Mei", "mei"},
	{"Yūki", "yuki"}, {"Aarav", "aarav"}, {"Chloé", "chloe"}, {"Björn", "bjorn"}, {"Ngozi", "ngozi"},
	{"Siobhán", "siobhan"}, {"François", "francois"}, {"Olamide", "olamide"}, {"Mateus", "mateus"},
	{"Priya", "priya"}, {"Tomás", "tomas"}, {"Ines", "ines"}, {"Omar", "omar"}, {"Hana", "hana"},
	{"Liam", "liam"}, {"Emma", "emma"}, {"Noah", "noah"}, {"Sofia", "sofia"}, {"Wei", "wei"},
}

var lastNames = []person{
	{"Müller", "muller"}, {"García", "garcia"}, {"Nowak", "nowak"}, {"Øvergaard", "overgaard"},
	{"O'Brien", "obrien"}, {"Nakamura", "nakamura"}, {"Dubois", "dubois"}, {"Kowalski", "kowalski"},
	{"Ivanova", "ivanova"}, {"Smith", "smith"}, {"Okafor", "okafor"}, {"Rossi", "rossi"}, {"Silva", "silva"},
	{"Chen", "chen"}, {"Haddad", "haddad"}, {"Jensen", "jensen"}, {"Novák", "novak"},
	{"Papadopoulos", "papadopoulos"}, {"Kim", "kim"}, {"Fernández", "fernandez"},
}

// specialOrgs have display names a dashboard must render well: Unicode,
// and one carrying terminal escape sequences that must show harmlessly.
var specialOrgs = [][2]string{
	{"cafe-creme", "Café Crème SARL"},
	{"zurich-re", "Zürich Rückversicherung AG"},
	{"tokyo-robotics", "東京ロボティクス株式会社"},
	{"orsted-vind", "Ørsted Vind A/S"},
	{"hellenic-shipping", "Ελληνική Ναυτιλία"},
	{"sao-paulo-logistica", "São Paulo Logística"},
	{"moskva-tech", "Москва Технологии"},
	// escape sequences, a right-to-left override and a zero-width space: none may reach a terminal or a file
	{"evil-corp", "Evil Corp \x1b[2J\x1b[31mPWNED\x1b[0m\x1b]0;owned\x07 \u202Emoc.live\u202C\u200B"},
}

var orgWords = []string{"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell",
	"cyberdyne", "soylent", "vandelay", "dunder", "aperture", "gringotts", "oscorp", "massive", "pied-piper",
	"nakatomi", "monarch", "virtucon", "yoyodyne", "prestige", "sterling", "bluth", "krusty", "duff", "oceanic",
	"weyland", "tessier", "zorg", "blacksun", "rekall", "abstergo", "omni", "lacuna", "wernham", "contoso",
	"fabrikam", "northwind", "tailspin", "litware", "adatum", "fourth-coffee", "woodgrove", "proseware"}

var orgSuffixes = []string{"", "-eu", "-us", "-apac", "-labs", "-health", "-bank", "-retail", "-energy", "-staging"}

// orgNames are n unique names: acme first (the large one), the special
// ones, then word and suffix combinations, numbered when those run out.
func (d *demo) orgNames(n int) []string {
	names := make([]string, 1, n+len(specialOrgs)+1)
	names[0] = "acme"
	seen := make(map[string]bool, n+len(specialOrgs)+1)
	seen["acme"] = true
	for _, s := range specialOrgs {
		names = append(names, s[0])
		seen[s[0]] = true
	}
	for i := 0; len(names) < n; i++ {
		name := orgWords[i%len(orgWords)] + orgSuffixes[(i/len(orgWords))%len(orgSuffixes)]
		if round := i / (len(orgWords) * len(orgSuffixes)); round > 0 {
			name += "-" + strconv.Itoa(round+1)
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names[:n]
}

// displayName turns "pied-piper-eu" into "Pied Piper EU".
// It builds the name in one allocation: 100,000 organizations ask for it.
func displayName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	i := 0
	for p := range strings.SplitSeq(name, "-") {
		if i++; i > 1 {
			b.WriteByte(' ')
		}
		switch {
		case p == "eu" || p == "us" || p == "apac":
			b.WriteString(strings.ToUpper(p))
		case p == "":
		case 'a' <= p[0] && p[0] <= 'z':
			b.WriteByte(p[0] - 'a' + 'A')
			b.WriteString(p[1:])
		default:
			b.WriteString(strings.ToUpper(p[:1]))
			b.WriteString(p[1:])
		}
	}
	return b.String()
}

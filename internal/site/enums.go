package site

// An Enum is a field's closed set of values, each declared here once and
// used from here: by the checks of the site's files, by the order of
// lists and of the board, by the files that sprintkit new writes, by the
// generated test sites, and by the tests that every value has its text
// in Swedish and English (the label "<Group>.<value>").
type Enum struct {
	Group   string   // the label group of the values' text, such as "verdict"
	Values  []string // in the order lists show them
	Default string   // "" when the field is required
}

// The enums of the site's files.
var (
	Languages      = Enum{"language", []string{"sv", "en"}, "en"}
	StudyKinds     = Enum{"kind", []string{"journey-map", "interviews", "survey", "other"}, "other"}
	Relations      = Enum{"relation", []string{"pilots", "follows-up", "challenges", "confirms"}, "pilots"}
	Statuses       = Enum{"status", []string{"planned", "done", "abandoned"}, "planned"}
	Bases          = Enum{"basis", []string{"assumption", "insight"}, ""}
	Importances    = Enum{"importance", []string{"high", "low"}, "high"}
	Evidences      = Enum{"evidence", []string{"none", "opinion", "anecdote", "research", "data"}, "none"}
	Methods        = Enum{"method", []string{"interview", "observation", "survey", "data", "prototype", "other"}, ""}
	Energies       = Enum{"energy", []string{"low", "medium", "high"}, "low"}
	ActionStatuses = Enum{"action", []string{"open", "doing", "done", "dropped"}, "open"}
	Verdicts       = Enum{"verdict", []string{"supported", "refuted", "inconclusive"}, ""}
	ChangeStatuses = Enum{"change", []string{"planned", "doing", "done", "dropped"}, "planned"}
)

// Outcomes are a sprint's outcomes, the board's columns in order: a
// verdict, or untested before the session (Sprint.Outcome).
var Outcomes = Enum{"verdict", append(append([]string{}, Verdicts.Values...), Untested), Untested}

// Untested is the outcome of a sprint without a verdict.
const Untested = "untested"

// ActionStates are the parts that every action of the site falls in, one
// each, in the order the actions page lists them: an open or doing action
// past its due date is overdue, the rest are as their status says
// (Sprint.ActionState). Every count of actions on the site counts these.
var ActionStates = Enum{"action", append([]string{Overdue}, ActionStatuses.Values...), ""}

// Overdue is the state of an open or doing action past its due date.
const Overdue = "overdue"

// Enums lists every enum whose values are shown to people, for the
// tests that each has its text. (Languages are not shown.)
var Enums = []Enum{StudyKinds, Relations, Statuses, Bases, Importances, Evidences, Methods, Energies, ActionStatuses, ActionStates, Outcomes, ChangeStatuses}

// Has reports whether v is one of e's values.
func (e Enum) Has(v string) bool {
	for _, x := range e.Values {
		if x == v {
			return true
		}
	}
	return false
}

// Index is v's place in e's order, len(e.Values) for a value not in it.
func (e Enum) Index(v string) int {
	for i, x := range e.Values {
		if x == v {
			return i
		}
	}
	return len(e.Values)
}

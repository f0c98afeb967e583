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
	Languages   = Enum{"language", []string{"sv", "en"}, "en"}
	StudyKinds  = Enum{"kind", []string{"journey-map", "interviews", "survey", "other"}, "other"}
	Relations   = Enum{"relation", []string{"pilots", "follows-up", "challenges", "confirms"}, "pilots"}
	Statuses    = Enum{"status", []string{"planned", "done", "abandoned"}, "planned"}
	Bases       = Enum{"basis", []string{"assumption", "insight"}, ""}
	Importances = Enum{"importance", []string{"high", "low"}, "high"}
	Evidences   = Enum{"evidence", []string{"none", "opinion", "anecdote", "research", "data"}, "none"}
	Methods     = Enum{"method", []string{"interview", "observation", "survey", "data", "prototype", "other"}, ""}
	Energies    = Enum{"energy", []string{"low", "medium", "high"}, "low"}
	Efforts     = Enum{"effort", Energies.Values, Energies.Default}
	Verdicts    = Enum{"verdict", []string{"supported", "refuted", "inconclusive"}, ""}

	// States are where a piece of work is, one vocabulary for a sprint's
	// action and a study's change alike. A plan may still say "open"
	// (OpenState), which reads as planned.
	States         = Enum{"state", []string{"planned", "doing", "done", "dropped"}, "planned"}
	ActionStatuses = States
	ChangeStatuses = States
)

// OpenState is the word for a planned action that plans written before
// the one vocabulary of states used; it reads as planned.
const OpenState = "open"

// Outcomes are a sprint's outcomes, the board's columns in order: a
// verdict, or untested before the session (Sprint.Outcome).
var Outcomes = Enum{"verdict", append(append([]string{}, Verdicts.Values...), Untested), Untested}

// Untested is the outcome of a sprint without a verdict.
const Untested = "untested"

// ActionStates are the parts that every action of the site falls in, one
// each, in the order the actions page lists them: a planned or doing action
// past its due date is overdue, the rest are as their status says
// (Sprint.ActionState). Every count of actions on the site counts these.
var ActionStates = Enum{"state", append([]string{Overdue}, States.Values...), ""}

// Overdue is the state of a planned or doing action past its due date.
const Overdue = "overdue"

// Intended is the state of a planned sprint's action: what the team means
// to do if the session bears it out, counted in none of ActionStates.
const Intended = "intended"

// BeliefStates are what the done sprints that test a belief have found
// (Belief.State): untested; the latest verdict; or contested when one
// found it supported and another refuted.
var BeliefStates = Enum{"belief", []string{Untested, "supported", "refuted", "inconclusive", Contested}, Untested}

// Contested is the state of a belief that its sprints both supported and
// refuted.
const Contested = "contested"

// Enums lists every enum whose values are shown to people, for the
// tests that each has its text. (Languages are not shown.)
var Enums = []Enum{StudyKinds, Relations, Statuses, Bases, Importances, Evidences, Methods, Energies, Efforts, States, ActionStates, Outcomes, BeliefStates, LogKinds}

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

package flow

import (
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestSetAndOf(t *testing.T) {
	threads := []Thread{
		{Name: "a", Steps: []Step{{Pos: 10, Message: "x is locked"}, {Pos: 20, End: 25, Message: "then y", Primary: true}}},
		{Name: "b", Steps: []Step{{Pos: 30, Message: "y is locked"}, {Pos: 40, Message: "then x"}}},
	}
	wantRelated := []analysis.RelatedInformation{{Pos: 10, Message: "x is locked"}, {Pos: 30, Message: "y is locked"}, {Pos: 40, Message: "then x"}}
	wantRecorded := []Recorded{
		{Name: "a", Steps: []RecordedStep{{0, "x is locked"}, {-1, "then y"}}},
		{Name: "b", Steps: []RecordedStep{{1, "y is locked"}, {2, "then x"}}},
	}

	// Off by default: Related is set, nothing is recorded.
	var d analysis.Diagnostic
	Set(&d, threads...)
	if !reflect.DeepEqual(d.Related, wantRelated) {
		t.Errorf("Related = %+v, want %+v", d.Related, wantRelated)
	}
	if got := Of(d); got != nil {
		t.Errorf("Of without Record = %+v", got)
	}

	Record(true)
	defer Record(false)
	d = analysis.Diagnostic{Message: "m"}
	Set(&d, threads...)
	copied := d // drivers copy diagnostics: the record follows the Related list
	if got := Of(copied); !reflect.DeepEqual(got, wantRecorded) {
		t.Errorf("Of = %+v, want %+v", got, wantRecorded)
	}
	other := analysis.Diagnostic{Related: append([]analysis.RelatedInformation(nil), d.Related...)}
	if got := Of(other); got != nil {
		t.Errorf("Of of a diagnostic built without Set = %+v", got)
	}
	if got := Of(analysis.Diagnostic{}); got != nil {
		t.Errorf("Of of a diagnostic without related positions = %+v", got)
	}
	Record(false)
	if got := Of(copied); got != nil {
		t.Errorf("Record(false) keeps %+v", got)
	}
}

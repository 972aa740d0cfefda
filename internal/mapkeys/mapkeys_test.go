package mapkeys

import (
	"slices"
	"testing"
)

func TestSortedUnion(t *testing.T) {
	a := map[string]int{"b": 1, "a": 2}
	b := map[string]int{"c": 3, "a": 4}
	if got, want := SortedUnion(a, b), []string{"a", "b", "c"}; !slices.Equal(got, want) {
		t.Errorf("SortedUnion = %v, want %v", got, want)
	}
	if got := SortedUnion(map[string]int{}, nil); len(got) != 0 {
		t.Errorf("SortedUnion of empty maps = %v", got)
	}
	if got, want := Sorted(b), []string{"a", "c"}; !slices.Equal(got, want) {
		t.Errorf("Sorted = %v, want %v", got, want)
	}
}

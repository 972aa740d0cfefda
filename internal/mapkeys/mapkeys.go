// Package mapkeys lists the keys of maps in sorted order, the order every
// report, plan and generated file of ampgo uses so that the same input
// always gives the same output.
package mapkeys

import "slices"

// Sorted is the keys of m, sorted; empty, not nil, for an empty map.
func Sorted[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// SortedUnion is the keys of a and b, each once, sorted.
func SortedUnion[V any](a, b map[string]V) []string {
	keys := Sorted(a)
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

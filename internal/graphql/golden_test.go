package graphql

import "flag"

// update rewrites the golden files under testdata instead of comparing
// with them: go test ./internal/graphql -update.
var update = flag.Bool("update", false, "rewrite testdata/*.golden")

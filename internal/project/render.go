package project

import "github.com/ampgo/ampgo/internal/jsonobj"

// render is the on-disk form of every JSON file ampgo writes in the
// project: JSON.stringify(v, null, 2) as the Amplify CLI writes it (see
// jsonobj for the few deliberate differences), and a trailing newline.
func render(v any) ([]byte, error) {
	b, err := jsonobj.Indent(v, "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

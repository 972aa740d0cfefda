package deploy

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// codeAsset is a function's zipped src/ folder and where it goes in the
// deployment bucket.
type codeAsset struct {
	Function string
	Key      string
	Zip      []byte
}

// zipEpoch is the modification time of every zip entry: with it, the same
// files always give the same zip, so the same S3 key and template.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// zipDir zips every regular file under dir, in path order, with fixed
// times; executable files keep their mode.
func zipDir(dir string) ([]byte, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("zip %s: %w", dir, fs.ErrNotExist)
	}
	sort.Strings(files)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range files {
		if err := addFile(zw, dir, p); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip %s: %w", dir, err)
	}
	return buf.Bytes(), nil
}

func addFile(zw *zip.Writer, dir, p string) error {
	info, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("zip %s: %w", p, err)
	}
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return fmt.Errorf("zip %s: %w", p, err)
	}
	h := &zip.FileHeader{Name: filepath.ToSlash(rel), Method: zip.Deflate, Modified: zipEpoch}
	mode := fs.FileMode(0o644)
	if info.Mode()&0o111 != 0 {
		mode = 0o755
	}
	h.SetMode(mode)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("zip %s: %w", p, err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("zip %s: %w", p, err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("zip %s: %w", p, err)
	}
	return nil
}

// codeKey is the S3 key of a function's zip: named after its content, so
// a code change is a template change and an unchanged function deploys
// nothing.
func codeKey(function string, zipData []byte) string {
	sum := sha256.Sum256(zipData)
	return "amplify-builds/" + function + "-" + hex.EncodeToString(sum[:8]) + ".zip"
}

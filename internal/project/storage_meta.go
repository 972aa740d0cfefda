package project

import "fmt"

// storageMetaCategory is the amplify-meta.json key of the storage category.
const storageMetaCategory = "storage"

// S3StorageMeta is one amplify-meta.json storage.<name> entry of an S3
// resource, as the storage category records it:
//
//	{"service": "S3", "providerPlugin": "awscloudformation",
//	 "output": {"BucketName": "…", "Region": "…"}, "lastPushTimeStamp": "…"}
//
// Only the keys the client config needs are decoded; the entry itself is
// never rewritten through this type.
type S3StorageMeta struct {
	// Name is the resource name (the key under "storage").
	Name              string        `json:"-"`
	Service           string        `json:"service"`
	ProviderPlugin    string        `json:"providerPlugin"`
	Output            StorageOutput `json:"output"`
	LastPushTimeStamp string        `json:"lastPushTimeStamp,omitempty"`
}

// S3Storage returns the S3 resources of amplify-meta.json's storage category
// (current environment), in file order. Entries of other services (DynamoDB)
// are skipped. It only reads.
func (p *Project) S3Storage() ([]S3StorageMeta, error) {
	storage := p.read(MetaPath(BackendDir)).LookupObject(storageMetaCategory)
	var out []S3StorageMeta
	for _, name := range storage.Keys() {
		var m S3StorageMeta
		if _, err := storage.Decode(name, &m); err != nil {
			return nil, fmt.Errorf("read %s storage.%s: %w", MetaPath(BackendDir), name, err)
		}
		if m.Service != "S3" {
			continue
		}
		m.Name = name
		out = append(out, m)
	}
	return out, nil
}

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
	return metaEntries(p, storageMetaCategory, ServiceS3, func(m *S3StorageMeta, name string) { m.Name = name })
}

// metaEntries decodes the amplify-meta.json entries of category whose
// service is service, in file order, naming each with named. It only
// reads.
func metaEntries[T any](p *Project, category, service string, named func(*T, string)) ([]T, error) {
	entries := p.read(MetaPath(BackendDir)).LookupObject(category)
	var out []T
	for _, name := range entries.Keys() {
		var head struct {
			Service string `json:"service"`
		}
		if _, err := entries.Decode(name, &head); err != nil {
			return nil, fmt.Errorf("read %s %s.%s: %w", MetaPath(BackendDir), category, name, err)
		}
		if head.Service != service {
			continue
		}
		var m T
		if _, err := entries.Decode(name, &m); err != nil {
			return nil, fmt.Errorf("read %s %s.%s: %w", MetaPath(BackendDir), category, name, err)
		}
		named(&m, name)
		out = append(out, m)
	}
	return out, nil
}

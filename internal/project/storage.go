package project

import (
	"fmt"
	"time"
)

// storageInputsName is a storage resource's settings file, as the Amplify
// CLI names it: amplify/backend/storage/<name>/cli-inputs.json.
const storageInputsName = "cli-inputs.json"

// Storage is an S3 storage resource ampgo manages. Access lists hold
// "create" (create and update), "read" and "delete".
type Storage struct {
	Name         string
	BucketPrefix string
	AuthAccess   []string
	GuestAccess  []string
}

// StorageOutput is the "output" block of a pushed storage resource in
// amplify-meta.json: {"BucketName": …, "Region": …}.
type StorageOutput struct {
	BucketName string `json:"BucketName"`
	Region     string `json:"Region"`
}

// storageInputs is cli-inputs.json in the Amplify CLI's S3UserInputs shape
// (bucketName is the bucket's prefix there too), plus managedBy.
type storageInputs struct {
	ResourceName    string              `json:"resourceName"`
	BucketName      string              `json:"bucketName"`
	StorageAccess   string              `json:"storageAccess"`
	GuestAccess     []string            `json:"guestAccess"`
	AuthAccess      []string            `json:"authAccess"`
	TriggerFunction string              `json:"triggerFunction"`
	GroupAccess     map[string][]string `json:"groupAccess"`
	ManagedBy       string              `json:"managedBy"`
}

// Access values of cli-inputs.json, as the Amplify CLI writes them.
var storageAccessNames = map[string]string{"create": "CREATE_AND_UPDATE", "read": "READ", "delete": "DELETE"}

func toAmplifyAccess(ops []string) []string {
	out := []string{}
	for _, op := range ops {
		if v, ok := storageAccessNames[op]; ok {
			out = append(out, v)
		}
	}
	return out
}

func fromAmplifyAccess(values []string) []string {
	out := []string{}
	for _, v := range values {
		for op, name := range storageAccessNames {
			if name == v {
				out = append(out, op)
			}
		}
	}
	return out
}

// AddStorage records a new storage resource: backend-config.json and
// amplify-meta.json get {"service":"S3","providerPlugin":"awscloudformation",
// "dependsOn":[]} (storage without user-pool groups does not depend on auth,
// reference §5), and storage/<name>/cli-inputs.json gets the settings.
func (p *Project) AddStorage(s Storage) error {
	access := "auth"
	if len(s.GuestAccess) > 0 {
		access = "authAndGuest"
	}
	in := storageInputs{ResourceName: s.Name, BucketName: s.BucketPrefix, StorageAccess: access,
		GuestAccess: toAmplifyAccess(s.GuestAccess), AuthAccess: toAmplifyAccess(s.AuthAccess),
		TriggerFunction: "NONE", GroupAccess: map[string][]string{}, ManagedBy: ManagedByAmpgo}
	entry := storageEntry{Service: ServiceS3, ProviderPlugin: ProviderPlugin, DependsOn: []Dependency{}}
	return p.addResource(CategoryStorage, s.Name, storageInputsName, entry, in)
}

// RemoveStorage deletes a storage resource from the project. Its bucket and
// statements leave AWS on the next push.
func (p *Project) RemoveStorage(name string) error {
	return p.removeResource(CategoryStorage, name, storageInputsName)
}

// StorageResources returns the storage resources ampgo manages, sorted by
// name, and the names of other storage resources in backend-config.json.
func (p *Project) StorageResources() (managed []Storage, other []string, err error) {
	names, other, err := p.managedNames(CategoryStorage, storageInputsName)
	if err != nil {
		return nil, nil, err
	}
	for _, name := range names {
		obj, _ := p.settingsFile(ResourceDir(BackendDir, CategoryStorage, name) + "/" + storageInputsName)
		var in storageInputs
		if err := obj.DecodeInto(&in); err != nil {
			return nil, nil, fmt.Errorf("read %s/%s: %w", ResourceDir(BackendDir, CategoryStorage, name), storageInputsName, err)
		}
		managed = append(managed, Storage{Name: name, BucketPrefix: in.BucketName,
			AuthAccess: fromAmplifyAccess(in.AuthAccess), GuestAccess: fromAmplifyAccess(in.GuestAccess)})
	}
	return managed, other, nil
}

// SetStorageOutput records a pushed storage resource's bucket and region in
// amplify-meta.json, with lastPushTimeStamp = now.
func (p *Project) SetStorageOutput(name string, out StorageOutput, now time.Time) error {
	return p.setOutput(CategoryStorage, name, out, now)
}

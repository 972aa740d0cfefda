package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/category/cfn"
)

// apply carries out the plan and returns the stack as deployed (nil after
// a delete). Nothing local is touched here: the caller records the outputs
// only once this succeeded, so a failed deploy leaves the project as it was.
func (d *deployment) apply(ctx context.Context) (*awsx.Stack, error) {
	switch d.plan.Action {
	case ActionNone:
		return d.stack, nil
	case ActionDelete:
		return nil, d.deleteStack(ctx, "no storage or functions left")
	}
	var err error
	if d.stack != nil && d.stack.Dead() {
		if err = d.deleteStack(ctx, "it failed to be created earlier: "+d.stack.Status); err != nil {
			return nil, err
		}
		d.stack, d.oldBody = nil, ""
		if d.old, err = parseTemplate(""); err != nil {
			return nil, err
		}
	}
	if _, ok := d.target.Template.Resources[category.DeploymentBucketID]; ok {
		if err := d.uploadCode(ctx); err != nil {
			return nil, err
		}
	}
	if _, had := d.old.resources[category.DeploymentBucketID]; had {
		if _, keep := d.target.Template.Resources[category.DeploymentBucketID]; !keep {
			if err := d.emptyDeploymentBucket(ctx); err != nil {
				return nil, err
			}
		}
	}
	body, err := d.target.Template.Body()
	if err != nil {
		return nil, err
	}
	add, change, remove := d.plan.Changes()
	fmt.Fprintf(d.log, "Deploying stack %s (%s: %d to add, %d to change, %d to remove)\n", d.target.Stack, d.plan.Action, add, change, remove)
	return d.run(ctx, body)
}

// run creates or updates the stack with body and waits for the end. It
// uses CreateStack/UpdateStack rather than change sets: ampgo computes its
// own plan (from the deployed template, for --dry-run), and change sets give
// no Outputs in moto after a create and stale ones after an update
// (reference/moto-notes.md).
func (d *deployment) run(ctx context.Context, body string) (*awsx.Stack, error) {
	in := awsx.StackInput{Name: d.target.Stack, Body: body, Parameters: d.target.Params,
		Tags: map[string]string{"ampgo:project": d.target.Env.Project, "ampgo:env": d.target.Env.Env}}
	if len(body) > cfn.MaxBodySize {
		url, err := d.uploadTemplate(ctx, body)
		if err != nil {
			return nil, err
		}
		in.Body, in.TemplateURL = "", url
	}
	start := time.Now()
	id, after, err := d.startOperation(ctx, in)
	if errors.Is(err, awsx.ErrNoChanges) {
		fmt.Fprintln(d.log, "CloudFormation found no changes to deploy")
		return d.cloud.Stacks.Describe(ctx, d.target.Stack)
	}
	if err != nil {
		return nil, err
	}
	pr := &progress{w: d.log}
	st, err := d.cloud.Stacks.Wait(ctx, id, after, pr.event)
	if err != nil {
		return nil, fmt.Errorf("deploy: %w", err)
	}
	d.stack = st
	fmt.Fprintf(d.log, "✔ Stack %s: %s (%.1f s)\n", st.Name, st.Status, time.Since(start).Seconds())
	return st, nil
}

// startOperation creates the stack, or updates it; after is the stack's
// last event before the update (a new stack has none to skip).
func (d *deployment) startOperation(ctx context.Context, in awsx.StackInput) (id, after string, err error) {
	in.Token = awsx.NewToken()
	if d.stack == nil {
		if err := d.sending(ctx, "CreateStack", in.Token); err != nil {
			return "", "", err
		}
		id, err = d.cloud.Stacks.Create(ctx, in)
		return id, "", err
	}
	if after, err = d.cloud.Stacks.LastEventID(ctx, in.Name); err != nil {
		return "", "", err
	}
	if err := d.sending(ctx, "UpdateStack", in.Token); err != nil {
		return "", "", err
	}
	return in.Name, after, d.cloud.Stacks.Update(ctx, in)
}

// sending is called right before each AWS write: it records the write in
// the project's in-flight record (see journal.before).
func (d *deployment) sending(ctx context.Context, op, token string) error {
	if d.journal == nil {
		return ctx.Err()
	}
	return d.journal.before(ctx, op, token)
}

// uploadCode puts each function's zip in the deployment bucket. A new
// bucket is first created on its own (the stack as deployed, plus the
// bucket), because CloudFormation needs the code (and a large template) in
// S3 before it uses it, and the bucket belongs to the stack.
func (d *deployment) uploadCode(ctx context.Context) error {
	bucket := category.DeploymentBucketName(d.target.Env)
	if _, ok := d.old.resources[category.DeploymentBucketID]; !ok {
		body, err := d.withDeploymentBucket()
		if err != nil {
			return err
		}
		fmt.Fprintf(d.log, "Creating the deployment bucket %s for function code\n", bucket)
		st, err := d.run(ctx, body)
		if err != nil {
			return err
		}
		d.stack = st
	}
	for _, c := range d.target.Code {
		if d.old.codeKeys[c.Key] {
			continue // deployed already: the key names the content
		}
		if err := d.sending(ctx, "PutObject", ""); err != nil {
			return err
		}
		if err := d.cloud.Objects.Put(ctx, bucket, c.Key, c.Zip, "application/zip"); err != nil {
			return fmt.Errorf("upload code of function %s: %w", c.Function, err)
		}
		fmt.Fprintf(d.log, "  uploaded s3://%s/%s (%d bytes)\n", bucket, c.Key, len(c.Zip))
	}
	return nil
}

// uploadTemplate puts a template too large for TemplateBody (51,200
// bytes) in the deployment bucket and returns its URL. The virtual-hosted
// form works in every region (and in moto).
func (d *deployment) uploadTemplate(ctx context.Context, body string) (string, error) {
	bucket := category.DeploymentBucketName(d.target.Env)
	sum := sha256.Sum256([]byte(body))
	key := "amplify-cfn-templates/" + d.target.Stack + "-" + hex.EncodeToString(sum[:8]) + ".json"
	if err := d.sending(ctx, "PutObject", ""); err != nil {
		return "", err
	}
	if err := d.cloud.Objects.Put(ctx, bucket, key, []byte(body), "application/json"); err != nil {
		return "", fmt.Errorf("upload template of %s: %w", d.target.Stack, err)
	}
	host := "amazonaws.com"
	if category.Partition(d.target.Env.Region) == "aws-cn" {
		host = "amazonaws.com.cn"
	}
	return "https://" + bucket + ".s3." + d.target.Env.Region + "." + host + "/" + key, nil
}

// withDeploymentBucket is the deployed template (or an empty one) with
// the deployment bucket added and nothing else changed.
func (d *deployment) withDeploymentBucket() (string, error) {
	t := map[string]any{}
	if d.oldBody != "" {
		if err := json.Unmarshal([]byte(d.oldBody), &t); err != nil {
			return "", fmt.Errorf("parse deployed template of %s: %w", d.target.Stack, err)
		}
	} else {
		t["AWSTemplateFormatVersion"] = cfn.FormatVersion
		t["Description"] = d.target.Template.Description
	}
	for key, add := range map[string]any{
		"Resources": d.target.Template.Resources[category.DeploymentBucketID],
		"Outputs":   d.target.Template.Outputs[category.DeploymentBucketOutput],
	} {
		m, _ := t[key].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		id := category.DeploymentBucketID
		if key == "Outputs" {
			id = category.DeploymentBucketOutput
		}
		m[id] = add
		t[key] = m
	}
	b, err := json.Marshal(t)
	if err != nil {
		return "", fmt.Errorf("encode template of %s: %w", d.target.Stack, err)
	}
	return string(b), nil
}

// emptyDeploymentBucket deletes the function code, so CloudFormation can
// delete the bucket.
func (d *deployment) emptyDeploymentBucket(ctx context.Context) error {
	bucket := category.DeploymentBucketName(d.target.Env)
	// Empty lists first and may find nothing to delete; it counts as a
	// write all the same, since it may send DeleteObjects.
	if err := d.sending(ctx, "DeleteObjects", ""); err != nil {
		return err
	}
	n, err := d.cloud.Objects.Empty(ctx, bucket)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(d.log, "  emptied s3://%s (%d objects)\n", bucket, n)
	}
	return nil
}

// deleteStack deletes the stack (its storage buckets stay, with their
// data) and waits until it is gone.
func (d *deployment) deleteStack(ctx context.Context, why string) error {
	if _, had := d.old.resources[category.DeploymentBucketID]; had {
		if err := d.emptyDeploymentBucket(ctx); err != nil {
			return err
		}
	}
	fmt.Fprintf(d.log, "Deleting stack %s (%s)\n", d.stack.Name, why)
	after, err := d.cloud.Stacks.LastEventID(ctx, d.stack.ID)
	if err != nil {
		return err
	}
	if err := d.sending(ctx, "DeleteStack", ""); err != nil {
		return err
	}
	if err := d.cloud.Stacks.Delete(ctx, d.stack.Name); err != nil {
		return err
	}
	pr := &progress{w: d.log}
	if _, err := d.cloud.Stacks.Wait(ctx, d.stack.ID, after, pr.event); err != nil {
		return fmt.Errorf("deploy: %w", err)
	}
	fmt.Fprintf(d.log, "✔ Stack %s deleted\n", d.stack.Name)
	return nil
}

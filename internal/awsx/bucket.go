package awsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3API is the part of S3 ampgo calls, with the SDK's own signatures.
type S3API interface {
	s3.ListObjectsV2APIClient
	PutObject(ctx context.Context, in *s3.PutObjectInput, o ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	DeleteObjects(ctx context.Context, in *s3.DeleteObjectsInput, o ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error)
}

// ErrBucketNotFound means the bucket does not exist.
var ErrBucketNotFound = errors.New("bucket not found")

// Buckets uploads to and empties S3 buckets ampgo owns.
type Buckets struct {
	api S3API
}

// NewBuckets builds Buckets on an S3 client from cfg.
func NewBuckets(cfg aws.Config) *Buckets { return &Buckets{api: s3.NewFromConfig(cfg)} }

// NewBucketsWith builds Buckets on any implementation of the API.
func NewBucketsWith(api S3API) *Buckets { return &Buckets{api: api} }

// Put uploads body to bucket/key.
func (b *Buckets) Put(ctx context.Context, bucket, key string, body []byte, contentType string) error {
	_, err := b.api.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Body: bytes.NewReader(body), ContentType: aws.String(contentType)})
	if isNoSuchBucket(err) {
		return fmt.Errorf("upload s3://%s/%s: %w", bucket, key, ErrBucketNotFound)
	}
	if err != nil {
		return classifyDeploy(fmt.Errorf("upload s3://%s/%s: %w", bucket, key, err), "s3:PutObject")
	}
	return nil
}

// Empty deletes every object of bucket, so CloudFormation can delete it,
// and returns how many it deleted. A missing bucket is already empty.
func (b *Buckets) Empty(ctx context.Context, bucket string) (int, error) {
	n := 0
	pages := s3.NewListObjectsV2Paginator(b.api, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if isNoSuchBucket(err) {
			return n, nil
		}
		if err != nil {
			return n, classifyDeploy(fmt.Errorf("list s3://%s: %w", bucket, err), "s3:ListBucket")
		}
		if len(page.Contents) == 0 {
			continue
		}
		var ids []s3types.ObjectIdentifier
		for _, o := range page.Contents {
			ids = append(ids, s3types.ObjectIdentifier{Key: o.Key})
		}
		_, err = b.api.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(bucket),
			Delete: &s3types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
		if err != nil {
			return n, classifyDeploy(fmt.Errorf("empty s3://%s: %w", bucket, err), "s3:DeleteObject")
		}
		n += len(ids)
	}
	return n, nil
}

// isNoSuchBucket reports S3's NoSuchBucket.
func isNoSuchBucket(err error) bool {
	var nsb *s3types.NoSuchBucket
	return errors.As(err, &nsb) || ErrorCode(err) == "NoSuchBucket"
}

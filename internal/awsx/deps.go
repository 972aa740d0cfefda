package awsx

// The service clients below are used by packages under construction
// (deploy, category); importing them here keeps them in go.mod meanwhile.
import (
	_ "github.com/aws/aws-sdk-go-v2/service/cloudformation"
	_ "github.com/aws/aws-sdk-go-v2/service/lambda"
	_ "github.com/aws/aws-sdk-go-v2/service/s3"
)

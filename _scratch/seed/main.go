package main

import (
	"context"
	"fmt"
	"os"

	"github.com/ampgo/ampgo/internal/testenv"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

func main() {
	region := os.Args[2]
	cfg := aws.Config{Region: region, BaseEndpoint: aws.String(os.Args[1]),
		Credentials: credentials.NewStaticCredentialsProvider("testing", "testing", ""), RetryMaxAttempts: 1}
	for _, v := range testenv.Variants() {
		s, err := testenv.Seed(context.Background(), cfg, v.Options)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println(v.Name, s.UserPoolID, s.WebClientID, s.NativeClientID, s.IdentityPoolID)
	}
}

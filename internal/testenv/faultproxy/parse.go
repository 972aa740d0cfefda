package faultproxy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Parse reads rules written by Rule.String, separated by commas:
// "http503:op=DescribeUserPool:every,reset:rate=0.2".
func Parse(s string) ([]Rule, error) {
	var rules []Rule
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		r, err := parseRule(part)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	return rules, nil
}

func parseRule(s string) (Rule, error) {
	fields := strings.Split(s, ":")
	r := Rule{Kind: Kind(fields[0])}
	if !slices.Contains(Kinds, r.Kind) {
		return Rule{}, fmt.Errorf("fault rule %q: unknown kind %q (want one of %v)", s, fields[0], Kinds)
	}
	for _, f := range fields[1:] {
		key, val, _ := strings.Cut(f, "=")
		var err error
		switch key {
		case "service":
			r.Service = val
		case "op":
			r.Op = val
		case "nth":
			r.Nth, err = strconv.Atoi(val)
		case "first":
			r.First, err = strconv.Atoi(val)
		case "every":
			r.Every = true
		case "rate":
			r.Rate, err = strconv.ParseFloat(val, 64)
		case "delay":
			r.Delay, err = time.ParseDuration(val)
		default:
			err = fmt.Errorf("unknown field")
		}
		if err != nil {
			return Rule{}, fmt.Errorf("fault rule %q: %s: %w", s, f, err)
		}
	}
	return r, nil
}

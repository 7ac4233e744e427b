package main

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// validateSchema checks a JSON document against a JSON Schema of this package's schema
// folder. It knows the keywords those schemas use: type, enum, properties, required,
// additionalProperties (false or a schema), items, $ref to #/$defs, minimum and
// format date-time; an unknown keyword fails the test, so that the schema cannot say
// more than is checked.
func validateSchema(t *testing.T, schemaFile, doc string) {
	t.Helper()
	var schema map[string]any
	if err := json.Unmarshal([]byte(readFile(t, schemaFile)), &schema); err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var errs []string
	validate(schema, schema, v, "$", &errs)
	for _, e := range errs {
		t.Errorf("%s: %s", schemaFile, e)
	}
}

var annotations = []string{"$schema", "$id", "$defs", "title", "description"}

func validate(root, s map[string]any, v any, at string, errs *[]string) {
	fail := func(format string, args ...any) { *errs = append(*errs, at+": "+fmt.Sprintf(format, args...)) }
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch k {
		case "$ref":
			name, ok := strings.CutPrefix(s[k].(string), "#/$defs/")
			def, _ := root["$defs"].(map[string]any)[name].(map[string]any)
			if !ok || def == nil {
				fail("unknown $ref %v", s[k])
				continue
			}
			validate(root, def, v, at, errs)
		case "type":
			if !hasType(v, s[k]) {
				fail("%s is not of type %v", short(v), s[k])
			}
		case "enum":
			if !slices.ContainsFunc(s[k].([]any), func(e any) bool { return e == v }) {
				fail("%s is not one of %v", short(v), s[k])
			}
		case "minimum":
			if n, ok := v.(float64); ok && n < s[k].(float64) {
				fail("%v is less than %v", n, s[k])
			}
		case "format":
			if str, ok := v.(string); ok && s[k] == "date-time" {
				if _, err := time.Parse(time.RFC3339Nano, str); err != nil {
					fail("%q is not a date-time", str)
				}
			}
		case "required":
			if obj, ok := v.(map[string]any); ok {
				for _, r := range s[k].([]any) {
					if _, ok := obj[r.(string)]; !ok {
						fail("lacks %q", r)
					}
				}
			}
		case "properties", "additionalProperties":
			obj, ok := v.(map[string]any)
			if !ok || k == "additionalProperties" {
				continue
			}
			props := s["properties"].(map[string]any)
			for name, val := range obj {
				if ps, ok := props[name].(map[string]any); ok {
					validate(root, ps, val, at+"."+name, errs)
					continue
				}
				switch extra := s["additionalProperties"].(type) {
				case bool:
					if !extra {
						fail("has a property %q the schema does not allow", name)
					}
				case map[string]any:
					validate(root, extra, val, at+"."+name, errs)
				}
			}
		case "items":
			if arr, ok := v.([]any); ok {
				for i, item := range arr {
					validate(root, s[k].(map[string]any), item, fmt.Sprintf("%s[%d]", at, i), errs)
				}
			}
		default:
			if !slices.Contains(annotations, k) {
				fail("the schema uses %q, which this validator does not check", k)
			}
		}
	}
	// additionalProperties without properties: a map.
	if extra, ok := s["additionalProperties"].(map[string]any); ok && s["properties"] == nil {
		if obj, ok := v.(map[string]any); ok {
			for name, val := range obj {
				validate(root, extra, val, at+"."+name, errs)
			}
		}
	}
}

func hasType(v any, want any) bool {
	switch w := want.(type) {
	case []any:
		return slices.ContainsFunc(w, func(x any) bool { return hasType(v, x) })
	case string:
		switch w {
		case "object":
			_, ok := v.(map[string]any)
			return ok
		case "array":
			_, ok := v.([]any)
			return ok
		case "string":
			_, ok := v.(string)
			return ok
		case "number":
			_, ok := v.(float64)
			return ok
		case "integer":
			n, ok := v.(float64)
			return ok && n == math.Trunc(n)
		case "boolean":
			_, ok := v.(bool)
			return ok
		case "null":
			return v == nil
		}
	}
	return false
}

func short(v any) string {
	b, _ := json.Marshal(v)
	return clip(string(b), 60)
}

// TestValidator checks the validator itself rejects what it should.
func TestValidator(t *testing.T) {
	schema := readFile(t, "schema/grade-report.schema.json")
	var s map[string]any
	if err := json.Unmarshal([]byte(schema), &s); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{}`,
		`{"schema":"gokata-grade/v1","label":"","submission":"","workbook":"","graded_at":"yesterday","go_version":"","time_limit_seconds":60,"build_seconds":0,"passed":0,"total":1,"katas":[{"name":"x","status":"great","message":"","time_seconds":0,"rules":[]}],"ignored":[],"judge_changes":[]}`,
		`{"schema":"gokata-grade/v1","label":"","submission":"","workbook":"","graded_at":"2026-01-01T00:00:00Z","go_version":"","time_limit_seconds":60,"build_seconds":0,"passed":0.5,"total":1,"katas":[],"ignored":[],"judge_changes":[],"extra":1}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(bad), &v); err != nil {
			t.Fatal(err)
		}
		var errs []string
		validate(s, s, v, "$", &errs)
		if len(errs) == 0 {
			t.Errorf("the validator accepts %s", bad)
		}
	}
}

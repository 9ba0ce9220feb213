package jsonschema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKeywords(t *testing.T) {
	for _, tc := range []struct {
		schema, doc string
		want        string // substring of the first error; "" for valid
	}{
		{`{"type": "object"}`, `{}`, ""},
		{`{"type": "object"}`, `[]`, "/: array is not of type object"},
		{`{"type": ["array", "null"]}`, `null`, ""},
		{`{"type": ["array", "null"]}`, `1`, "is not of type array or null"},
		{`{"type": "integer"}`, `3`, ""},
		{`{"type": "integer"}`, `3.5`, "number is not of type integer"},
		{`{"type": "number"}`, `3.5`, ""},
		{`{"type": "boolean"}`, `"true"`, "string is not of type boolean"},
		{`{"enum": ["a", "b"]}`, `"b"`, ""},
		{`{"enum": ["a", "b"]}`, `"c"`, `"c" is not one of ["a","b"]`},
		{`{"enum": [1]}`, `1.0`, ""},
		{`{"required": ["x"]}`, `{"x": 1}`, ""},
		{`{"required": ["x"]}`, `{"y": 1}`, `required property "x" is missing`},
		{`{"properties": {"x": {"type": "string"}}}`, `{"x": 1}`, "/x: number is not of type string"},
		{`{"properties": {"x": {}}, "additionalProperties": false}`, `{"x": 1}`, ""},
		{`{"properties": {"x": {}}, "additionalProperties": false}`, `{"x": 1, "y": 2}`, `property "y" is not allowed`},
		{`{"additionalProperties": {"type": "string"}}`, `{"a/b": 2}`, "/a~1b: number is not of type string"},
		{`{"items": {"type": "integer", "minimum": 1}}`, `[1, 2]`, ""},
		{`{"items": {"type": "integer", "minimum": 1}}`, `[1, 0]`, "/1: 0 is less than the minimum 1"},
		{`{"maximum": 10}`, `11`, "greater than the maximum 10"},
		{`{"minItems": 1}`, `[]`, "has 0 items, fewer than 1"},
		{`{"maxItems": 1}`, `[1, 2]`, "has 2 items, more than 1"},
		{`{"uniqueItems": true}`, `[1, 2, {"a": 1}]`, ""},
		{`{"uniqueItems": true}`, `[{"a": 1, "b": 2}, {"b": 2, "a": 1}]`, "items 0 and 1 are equal"},
		{`{"minLength": 2, "maxLength": 3}`, `"ab"`, ""},
		{`{"minLength": 2}`, `"é"`, "shorter than 2"},
		{`{"maxLength": 1}`, `"ab"`, "longer than 1"},
		{`{"pattern": "^[0-9]+$"}`, `"123"`, ""},
		{`{"pattern": "^[0-9]+$"}`, `"12a"`, `does not match the pattern`},
		{`{"pattern": "[^/]+/.+"}`, `"text/plain"`, ""},
		{`{"format": "uri"}`, `"https://example.com/x"`, ""},
		{`{"format": "uri"}`, `"x/y.go"`, "not an absolute URI"},
		{`{"format": "uri-reference"}`, `"x/y.go"`, ""},
		{`{"format": "uri-reference"}`, `"%zz"`, "is not a valid uri-reference"},
		{`{"format": "date-time"}`, `"2026-01-02T03:04:05Z"`, ""},
		{`{"format": "date-time"}`, `"yesterday"`, "is not a valid date-time"},
		{`{"definitions": {"s": {"type": "string"}}, "properties": {"x": {"$ref": "#/definitions/s"}}}`, `{"x": "a"}`, ""},
		{`{"definitions": {"s": {"type": "string"}}, "properties": {"x": {"$ref": "#/definitions/s", "type": "integer"}}}`, `{"x": 1}`, "/x: number is not of type string"},
		{`{"properties": {"next": {"$ref": "#"}}, "required": ["v"]}`, `{"v": 1, "next": {"v": 2}}`, ""},
		{`{"properties": {"next": {"$ref": "#"}}, "required": ["v"]}`, `{"v": 1, "next": {}}`, `/next: required property "v" is missing`},
		{`{"anyOf": [{"type": "string"}, {"type": "integer"}]}`, `2`, ""},
		{`{"anyOf": [{"type": "string"}, {"type": "integer"}]}`, `true`, "matches none of the anyOf schemas"},
		{`{"oneOf": [{"minimum": 1}, {"maximum": 5}]}`, `10`, ""},
		{`{"oneOf": [{"minimum": 1}, {"maximum": 5}]}`, `3`, "matches 2 of the oneOf schemas"},
		{`{"allOf": [{"minimum": 1}, {"maximum": 5}]}`, `6`, "greater than the maximum 5"},
		{`{"not": {"type": "string"}}`, `"a"`, "matches the schema under not"},
	} {
		s, err := Compile([]byte(tc.schema))
		if err != nil {
			t.Errorf("Compile(%s): %v", tc.schema, err)
			continue
		}
		errs := s.Validate([]byte(tc.doc))
		switch {
		case tc.want == "" && len(errs) > 0:
			t.Errorf("%s on %s: unexpected errors %v", tc.schema, tc.doc, errs)
		case tc.want != "" && len(errs) == 0:
			t.Errorf("%s on %s: valid, want an error %q", tc.schema, tc.doc, tc.want)
		case tc.want != "" && !strings.Contains(errs[0].Error(), tc.want):
			t.Errorf("%s on %s: error %q, want %q", tc.schema, tc.doc, errs[0], tc.want)
		}
	}
}

func TestUnsupported(t *testing.T) {
	for _, schema := range []string{
		`{"patternProperties": {}}`,
		`{"items": [{}]}`,
		`{"format": "email"}`,
		`{"$ref": "other.json#/x"}`,
		`{"$ref": "#/definitions/missing"}`,
		`{"properties": {"x": {"dependencies": {}}}}`,
		`{"type": "float"}`,
		`{"pattern": "("}`,
		`[]`,
	} {
		if _, err := Compile([]byte(schema)); err == nil {
			t.Errorf("Compile(%s): no error", schema)
		}
	}
}

// TestSARIFSchema compiles the SARIF 2.1.0 schema shipped in testdata and
// checks a minimal valid log and some invalid ones against it.
func TestSARIFSchema(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(data)
	if err != nil {
		t.Fatal(err)
	}
	valid := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "r"}]}},
		"results": [{"ruleId": "r", "level": "error", "message": {"text": "m"},
			"locations": [{"physicalLocation": {"artifactLocation": {"uri": "a/b.go"}, "region": {"startLine": 1, "startColumn": 2}}}]}]}]}`
	if errs := s.Validate([]byte(valid)); len(errs) > 0 {
		t.Errorf("valid log: %v", errs)
	}
	for _, tc := range []struct{ name, from, to, want string }{
		{"version", `"2.1.0"`, `"2.0.0"`, "/version"},
		{"level", `"error"`, `"fatal"`, "/runs/0/results/0/level"},
		{"startLine", `"startLine": 1`, `"startLine": 0`, "/runs/0/results/0/locations/0/physicalLocation/region/startLine: 0 is less than the minimum 1"},
		{"message", `"message": {"text": "m"}`, `"message": "m"`, "/runs/0/results/0/message: string is not of type object"},
		{"driver name", `"name": "x", `, ``, `/runs/0/tool/driver: required property "name" is missing`},
		{"unknown property", `"ruleId": "r"`, `"rule_id": "r"`, `property "rule_id" is not allowed`},
	} {
		doc := strings.Replace(valid, tc.from, tc.to, 1)
		if doc == valid {
			t.Fatalf("%s: replacement did not apply", tc.name)
		}
		errs := s.Validate([]byte(doc))
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e.Error(), tc.want)
		}
		if !found {
			t.Errorf("%s: errors %v, want one containing %q", tc.name, errs, tc.want)
		}
	}
}

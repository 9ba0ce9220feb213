// Package jsonschema validates JSON documents against a JSON Schema
// (draft-04), as much of it as the SARIF 2.1.0 schema uses.
//
// Supported keywords:
//
//	type (a name or a list), enum, properties, required,
//	additionalProperties (boolean or schema), items (a single schema),
//	minItems, maxItems, uniqueItems, minimum, maximum, minLength,
//	maxLength, pattern, format (uri, uri-reference, date-time),
//	$ref (to "#" or "#/definitions/NAME"), allOf, anyOf, oneOf, not,
//	and the annotations $schema, id, title, description and default.
//
// [Compile] rejects a schema that uses any other keyword or format, so a
// constraint is never silently ignored. It exists because wglint's tests
// validate the SARIF it writes and the project keeps its dependencies to
// golang.org/x/tools.
package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A Schema is a compiled schema.
type Schema struct {
	root     map[string]any
	patterns map[string]*regexp.Regexp
}

// Compile parses a draft-04 schema and checks that it uses only supported
// keywords.
func Compile(data []byte) (*Schema, error) {
	v, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("schema: %v", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema: not an object")
	}
	s := &Schema{root: root, patterns: make(map[string]*regexp.Regexp)}
	if err := s.check("#", root); err != nil {
		return nil, fmt.Errorf("schema: %v", err)
	}
	return s, nil
}

func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

var annotations = []string{"$schema", "id", "title", "description", "default"}

// check verifies the schema node at path (a JSON pointer into the schema).
func (s *Schema) check(path string, node map[string]any) error {
	for key, val := range node {
		p := path + "/" + key
		switch key {
		case "$schema", "id", "title", "description", "default":
		case "type":
			switch t := val.(type) {
			case string:
				if !validType(t) {
					return fmt.Errorf("%s: unknown type %q", p, t)
				}
			case []any:
				for _, x := range t {
					if name, ok := x.(string); !ok || !validType(name) {
						return fmt.Errorf("%s: bad type list", p)
					}
				}
			default:
				return fmt.Errorf("%s: bad type", p)
			}
		case "enum":
			if _, ok := val.([]any); !ok {
				return fmt.Errorf("%s: not an array", p)
			}
		case "required":
			list, ok := val.([]any)
			if !ok {
				return fmt.Errorf("%s: not an array", p)
			}
			for _, x := range list {
				if _, ok := x.(string); !ok {
					return fmt.Errorf("%s: not a list of names", p)
				}
			}
		case "properties", "definitions":
			m, ok := val.(map[string]any)
			if !ok {
				return fmt.Errorf("%s: not an object", p)
			}
			for name, sub := range m {
				if err := s.checkSub(p+"/"+name, sub); err != nil {
					return err
				}
			}
		case "additionalProperties":
			if _, ok := val.(bool); ok {
				continue
			}
			if err := s.checkSub(p, val); err != nil {
				return err
			}
		case "items", "not":
			if err := s.checkSub(p, val); err != nil {
				return err
			}
		case "allOf", "anyOf", "oneOf":
			list, ok := val.([]any)
			if !ok || len(list) == 0 {
				return fmt.Errorf("%s: not a non-empty array", p)
			}
			for i, sub := range list {
				if err := s.checkSub(p+"/"+strconv.Itoa(i), sub); err != nil {
					return err
				}
			}
		case "minItems", "maxItems", "minLength", "maxLength":
			if n, ok := number(val); !ok || n < 0 || n != math.Trunc(n) {
				return fmt.Errorf("%s: not a non-negative integer", p)
			}
		case "minimum", "maximum":
			if _, ok := number(val); !ok {
				return fmt.Errorf("%s: not a number", p)
			}
		case "uniqueItems":
			if _, ok := val.(bool); !ok {
				return fmt.Errorf("%s: not a boolean", p)
			}
		case "pattern":
			str, ok := val.(string)
			if !ok {
				return fmt.Errorf("%s: not a string", p)
			}
			re, err := regexp.Compile(str)
			if err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
			s.patterns[str] = re
		case "format":
			switch val {
			case "uri", "uri-reference", "date-time":
			default:
				return fmt.Errorf("%s: unsupported format %v", p, val)
			}
		case "$ref":
			ref, ok := val.(string)
			if !ok {
				return fmt.Errorf("%s: not a string", p)
			}
			if _, err := s.resolve(ref); err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
		default:
			return fmt.Errorf("%s: unsupported keyword", p)
		}
	}
	return nil
}

func (s *Schema) checkSub(path string, v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: schema is not an object", path)
	}
	return s.check(path, m)
}

func validType(t string) bool {
	switch t {
	case "object", "array", "string", "number", "integer", "boolean", "null":
		return true
	}
	return false
}

// resolve returns the schema a $ref points to.
func (s *Schema) resolve(ref string) (map[string]any, error) {
	if ref == "#" {
		return s.root, nil
	}
	name, ok := strings.CutPrefix(ref, "#/definitions/")
	if !ok || strings.Contains(name, "/") {
		return nil, fmt.Errorf("unsupported $ref %q", ref)
	}
	defs, _ := s.root["definitions"].(map[string]any)
	def, ok := defs[name].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q: no such definition", ref)
	}
	return def, nil
}

// number returns the value of a JSON number.
func number(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

// Validate checks the JSON document data against the schema and returns
// every violation found, each prefixed with the JSON pointer of the value.
func (s *Schema) Validate(data []byte) []error {
	v, err := decode(data)
	if err != nil {
		return []error{err}
	}
	var errs []error
	s.validate("", v, s.root, &errs)
	return errs
}

func (s *Schema) validate(path string, v any, schema map[string]any, errs *[]error) {
	fail := func(format string, args ...any) {
		p := path
		if p == "" {
			p = "/"
		}
		*errs = append(*errs, fmt.Errorf("%s: %s", p, fmt.Sprintf(format, args...)))
	}
	if ref, ok := schema["$ref"].(string); ok {
		// In draft-04, $ref replaces every other keyword of its object.
		target, err := s.resolve(ref)
		if err != nil {
			fail("%v", err)
			return
		}
		s.validate(path, v, target, errs)
		return
	}
	if t, ok := schema["type"]; ok {
		var names []string
		switch t := t.(type) {
		case string:
			names = []string{t}
		case []any:
			for _, x := range t {
				names = append(names, x.(string))
			}
		}
		if !slices.ContainsFunc(names, func(n string) bool { return hasType(v, n) }) {
			fail("%s is not of type %s", kind(v), strings.Join(names, " or "))
			return
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		if !slices.ContainsFunc(enum, func(x any) bool { return equal(x, v) }) {
			fail("%s is not one of %s", canonical(v), canonical(enum))
		}
	}
	for _, key := range []string{"allOf", "anyOf", "oneOf"} {
		list, ok := schema[key].([]any)
		if !ok {
			continue
		}
		valid := 0
		var sub []error
		for _, x := range list {
			var e []error
			s.validate(path, v, x.(map[string]any), &e)
			if len(e) == 0 {
				valid++
			}
			sub = append(sub, e...)
		}
		switch {
		case key == "allOf" && valid != len(list):
			*errs = append(*errs, sub...)
		case key == "anyOf" && valid == 0:
			fail("matches none of the anyOf schemas: %v", sub)
		case key == "oneOf" && valid != 1:
			fail("matches %d of the oneOf schemas, want exactly 1", valid)
		}
	}
	if not, ok := schema["not"].(map[string]any); ok {
		var e []error
		s.validate(path, v, not, &e)
		if len(e) == 0 {
			fail("matches the schema under not")
		}
	}

	switch v := v.(type) {
	case map[string]any:
		s.validateObject(path, v, schema, fail, errs)
	case []any:
		if n, ok := number(schema["minItems"]); ok && float64(len(v)) < n {
			fail("has %d items, fewer than %v", len(v), n)
		}
		if n, ok := number(schema["maxItems"]); ok && float64(len(v)) > n {
			fail("has %d items, more than %v", len(v), n)
		}
		if unique, _ := schema["uniqueItems"].(bool); unique {
			seen := make(map[string]int)
			for i, x := range v {
				c := canonical(x)
				if j, dup := seen[c]; dup {
					fail("items %d and %d are equal, but items must be unique", j, i)
				}
				seen[c] = i
			}
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, x := range v {
				s.validate(path+"/"+strconv.Itoa(i), x, items, errs)
			}
		}
	case string:
		n := float64(utf8.RuneCountInString(v))
		if min, ok := number(schema["minLength"]); ok && n < min {
			fail("string is shorter than %v", min)
		}
		if max, ok := number(schema["maxLength"]); ok && n > max {
			fail("string is longer than %v", max)
		}
		if p, ok := schema["pattern"].(string); ok && !s.patterns[p].MatchString(v) {
			fail("%q does not match the pattern %q", v, p)
		}
		if f, ok := schema["format"].(string); ok {
			if err := checkFormat(f, v); err != nil {
				fail("%q is not a valid %s: %v", v, f, err)
			}
		}
	case json.Number:
		f, _ := v.Float64()
		if min, ok := number(schema["minimum"]); ok && f < min {
			fail("%v is less than the minimum %v", v, min)
		}
		if max, ok := number(schema["maximum"]); ok && f > max {
			fail("%v is greater than the maximum %v", v, max)
		}
	}
}

func (s *Schema) validateObject(path string, v map[string]any, schema map[string]any, fail func(string, ...any), errs *[]error) {
	if required, ok := schema["required"].([]any); ok {
		for _, r := range required {
			if _, ok := v[r.(string)]; !ok {
				fail("required property %q is missing", r)
			}
		}
	}
	props, _ := schema["properties"].(map[string]any)
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys) // report in a stable order
	for _, k := range keys {
		p := path + "/" + strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
		if sub, ok := props[k].(map[string]any); ok {
			s.validate(p, v[k], sub, errs)
			continue
		}
		switch ap := schema["additionalProperties"].(type) {
		case bool:
			if !ap {
				fail("property %q is not allowed", k)
			}
		case map[string]any:
			s.validate(p, v[k], ap, errs)
		}
	}
}

func hasType(v any, t string) bool {
	switch v := v.(type) {
	case map[string]any:
		return t == "object"
	case []any:
		return t == "array"
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case nil:
		return t == "null"
	case json.Number:
		if t == "number" {
			return true
		}
		if t == "integer" {
			f, err := v.Float64()
			return err == nil && f == math.Trunc(f) && !math.IsInf(f, 0)
		}
	}
	return false
}

func kind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	case json.Number:
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

// canonical returns a JSON encoding of v in which equal values are equal
// strings (encoding/json sorts object keys; numbers are normalized).
func canonical(v any) string {
	var norm func(any) any
	norm = func(v any) any {
		switch v := v.(type) {
		case json.Number:
			f, err := v.Float64()
			if err != nil {
				return v
			}
			return f
		case []any:
			out := make([]any, len(v))
			for i, x := range v {
				out[i] = norm(x)
			}
			return out
		case map[string]any:
			out := make(map[string]any, len(v))
			for k, x := range v {
				out[k] = norm(x)
			}
			return out
		}
		return v
	}
	data, err := json.Marshal(norm(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

func equal(a, b any) bool { return canonical(a) == canonical(b) }

func checkFormat(format, s string) error {
	switch format {
	case "uri":
		u, err := url.Parse(s)
		if err != nil {
			return err
		}
		if u.Scheme == "" {
			return fmt.Errorf("not an absolute URI")
		}
	case "uri-reference":
		_, err := url.Parse(s)
		return err
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, s)
		return err
	}
	return nil
}

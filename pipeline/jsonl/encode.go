package jsonl

import "github.com/copydesk/copydesk/pipeline/internal/jsonstr"

// appendString appends s to dst as a JSON string, escaped as
// encoding/json escapes with SetEscapeHTML(false).
func appendString(dst []byte, s string) []byte { return jsonstr.Append(dst, s) }

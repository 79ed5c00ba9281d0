package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC error codes.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeServerNotInitialized = -32002
)

// A message is a JSON-RPC 2.0 request, notification or response.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// isRequest reports whether m is a request (it has a method and an id).
func (m *message) isRequest() bool { return m.Method != "" && len(m.ID) > 0 && string(m.ID) != "null" }

// An rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (code %d)", e.Message, e.Code) }

// response is a response as written: result is always present (null
// included) when there is no error, as JSON-RPC requires.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

type outRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      string `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// Limits of the framing.
const (
	maxHeaderLine = 4 << 10 // bytes of one header line
	maxHeaders    = 32      // header lines of one message
)

// errFraming is a message whose headers cannot be read; the reader
// skips to the next header block.
var errFraming = errors.New("bad message framing")

// A reader reads framed messages: header lines ("Content-Length: N"),
// an empty line, then N bytes of JSON.
type reader struct {
	r       *bufio.Reader
	maxBody int64
}

// read returns the next message's body. A framing error (a missing or
// bad Content-Length, an overlong line, a body over the limit) wraps
// errFraming: the caller reports it and reads on. io.EOF ends the
// stream, also in the middle of a message.
func (rd *reader) read() ([]byte, error) {
	length := int64(-1)
	lines := 0
	var bad error
	for {
		line, err := rd.line()
		if err != nil {
			return nil, err
		}
		if line == "" {
			if lines == 0 {
				continue // blank lines between messages
			}
			break
		}
		lines++
		if lines > maxHeaders {
			bad = fmt.Errorf("%w: more than %d header lines", errFraming, maxHeaders)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = fmt.Errorf("%w: header line %q has no colon", errFraming, clip(line))
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 {
				bad = fmt.Errorf("%w: bad Content-Length %q", errFraming, clip(value))
				continue
			}
			length = n
		}
	}
	if bad != nil {
		return nil, bad
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: no Content-Length header", errFraming)
	}
	if length > rd.maxBody {
		// Skip the body to stay in step with the stream.
		if _, err := io.CopyN(io.Discard, rd.r, length); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: message of %d bytes is over the limit of %d", errFraming, length, rd.maxBody)
	}
	if length > 1<<20 {
		// Grow as the bytes come rather than trust a large length.
		var buf bytes.Buffer
		n, err := buf.ReadFrom(io.LimitReader(rd.r, length))
		if err != nil {
			return nil, err
		}
		if n < length {
			return nil, io.EOF
		}
		return buf.Bytes(), nil
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(rd.r, body); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, io.EOF
		}
		return nil, err
	}
	return body, nil
}

// line reads one header line without its "\r\n" or "\n". An overlong
// line is consumed and reported as a framing error. After garbage
// without a line break, a "Content-Length:" that follows it on the same
// line starts the line, so that the reader finds the next message.
func (rd *reader) line() (string, error) {
	var buf []byte
	over := false
	for {
		chunk, err := rd.r.ReadSlice('\n')
		if !over {
			if len(buf)+len(chunk) > maxHeaderLine {
				over, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return "", err
		}
		if over {
			return "", fmt.Errorf("%w: header line over %d bytes", errFraming, maxHeaderLine)
		}
		line := string(bytes.TrimRight(buf, "\r\n"))
		if i := strings.Index(line, "Content-Length:"); i > 0 {
			line = line[i:]
		}
		return line, nil
	}
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// A writer writes framed messages; it is safe for concurrent use.
type writer struct {
	mu sync.Mutex
	w  io.Writer
}

// write writes v as one message.
func (wr *writer) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding a message: %w", err)
	}
	wr.mu.Lock()
	defer wr.mu.Unlock()
	if _, err := fmt.Fprintf(wr.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return fmt.Errorf("writing a message: %w", err)
	}
	if _, err := wr.w.Write(body); err != nil {
		return fmt.Errorf("writing a message: %w", err)
	}
	return nil
}
